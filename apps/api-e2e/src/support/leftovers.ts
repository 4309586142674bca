import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import type { TestDatabase } from '@sluice/db/testing';
import type { ObjectStore } from '@sluice/storage';

/** What the stack holds: every object key, every unfinished multipart upload, and the row count of every table. */
export interface StackContents {
  objects: Set<string>;
  multipartUploads: Set<string>;
  rows: Record<string, number>;
}

async function multipartUploads(store: ObjectStore): Promise<Set<string>> {
  const found = new Set<string>();
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    const page = await store.client.send(new ListMultipartUploadsCommand({ Bucket: store.bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
    for (const upload of page.Uploads ?? []) found.add(`${upload.Key} (${upload.UploadId})`);
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
  } while (keyMarker);
  return found;
}

async function rowCounts(db: TestDatabase): Promise<Record<string, number>> {
  // The audit log is meant to keep refused attempts (a refused upload is one of its failures), so it is no leftover.
  const tables = await db.sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'AuditEvent')`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = await db.rowCount(name);
  }
  return counts;
}

export async function stackContents(db: TestDatabase, store: ObjectStore): Promise<StackContents> {
  const [objects, uploads, rows] = await Promise.all([store.list(''), multipartUploads(store), rowCounts(db)]);
  return { objects: new Set(objects.map((o) => o.key)), multipartUploads: uploads, rows };
}

/** What `now` holds that `before` did not: new objects, new unfinished multipart uploads, tables that grew or shrank. */
export function addedSince(before: StackContents, now: StackContents) {
  return {
    objects: [...now.objects].filter((k) => !before.objects.has(k)),
    multipartUploads: [...now.multipartUploads].filter((u) => !before.multipartUploads.has(u)),
    rows: Object.fromEntries(
      Object.entries(now.rows)
        .filter(([table, n]) => n !== (before.rows[table] ?? 0))
        .map(([table, n]) => [table, n - (before.rows[table] ?? 0)]),
    ),
  };
}

/**
 * What a refused upload would leave behind: objects under a job id that has no row, and S3 multipart
 * uploads never completed nor aborted. Empty after every refusal.
 */
export async function refusedUploadLeftovers(db: TestDatabase, store: ObjectStore): Promise<string[]> {
  const [jobIds, objects, unfinished] = await Promise.all([db.jobIds(), store.list('jobs/'), multipartUploads(store)]);
  const orphans = objects.filter((object) => !jobIds.has(object.key.split('/')[1])).map((object) => object.key);
  return [...orphans, ...[...unfinished].map((upload) => `unfinished multipart upload ${upload}`)];
}
