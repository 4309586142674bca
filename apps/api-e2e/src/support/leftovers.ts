import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import type { TestDatabase } from '@sluice/db/testing';
import type { ObjectStore } from '@sluice/storage';
import { JOB_OBJECT_PREFIXES, jobIdOfKey } from '@sluice/storage';

/**
 * What the stack holds: every object key, every unfinished multipart upload, and the row count of every
 * table. A table with a workspace column is counted per workspace, so that what a valid request creates
 * along with a new workspace (its preset copies) is told apart from debris in the workspaces there were.
 */
export interface StackContents {
  objects: Set<string>;
  multipartUploads: Set<string>;
  /** Rows per table, and per workspace id ("" for rows of no workspace, and tables without one). */
  rows: Record<string, Record<string, number>>;
}

/**
 * Who signed in, which tokens and workspaces exist, and the audit trail: what the test harness's sign-in and
 * every valid request write by design, not what a refused request leaves behind.
 */
const IDENTITY_TABLES = new Set(['User', 'Workspace', 'Membership', 'Session', 'SignInLink', 'ApiToken', 'AuditEvent']);

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

async function rowCounts(db: TestDatabase): Promise<Record<string, Record<string, number>>> {
  const tables = await db.sql<{ name: string; perWorkspace: boolean }>`
    SELECT t.table_name AS name, EXISTS (
      SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'workspaceId'
    ) AS "perWorkspace"
    FROM information_schema.tables t
    WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND t.table_name <> '_prisma_migrations'`;
  const counts: Record<string, Record<string, number>> = {};
  for (const { name, perWorkspace } of tables) {
    if (IDENTITY_TABLES.has(name)) continue;
    if (!perWorkspace) {
      counts[name] = { '': await db.rowCount(name) };
      continue;
    }
    const table = `"${name.replace(/"/g, '""')}"`;
    const rows = await db.client.$queryRawUnsafe<{ workspace: string | null; count: bigint }[]>(
      `SELECT "workspaceId"::text AS workspace, count(*) AS count FROM ${table} GROUP BY 1`,
    );
    counts[name] = Object.fromEntries(rows.map((row) => [row.workspace ?? '', Number(row.count)]));
  }
  return counts;
}

export async function stackContents(db: TestDatabase, store: ObjectStore): Promise<StackContents> {
  const [objects, uploads, rows] = await Promise.all([store.list(''), multipartUploads(store), rowCounts(db)]);
  return { objects: new Set(objects.map((o) => o.key)), multipartUploads: uploads, rows };
}

/** The rows of a table in the workspaces `before` knew (and of no workspace). */
function rowsIn(counts: Record<string, number> | undefined, known: Set<string>): number {
  return Object.entries(counts ?? {}).reduce((sum, [workspace, n]) => sum + (known.has(workspace) ? n : 0), 0);
}

/**
 * What `now` holds that `before` did not: new objects, new unfinished multipart uploads, tables that grew or
 * shrank in the workspaces there were (a workspace created since brings its own rows).
 */
export function addedSince(before: StackContents, now: StackContents) {
  const known = new Set(['', ...Object.values(before.rows).flatMap((counts) => Object.keys(counts))]);
  return {
    objects: [...now.objects].filter((k) => !before.objects.has(k)),
    multipartUploads: [...now.multipartUploads].filter((u) => !before.multipartUploads.has(u)),
    rows: Object.fromEntries(
      Object.keys(now.rows)
        .map((table) => [table, rowsIn(now.rows[table], known) - rowsIn(before.rows[table], known)] as const)
        .filter(([, n]) => n !== 0),
    ),
  };
}

/**
 * What a refused upload would leave behind: objects under a job id that has no row, and S3 multipart
 * uploads never completed nor aborted. Empty after every refusal.
 */
export async function refusedUploadLeftovers(db: TestDatabase, store: ObjectStore): Promise<string[]> {
  const listed = await Promise.all(JOB_OBJECT_PREFIXES.map((prefix) => store.list(prefix)));
  const [jobIds, unfinished] = await Promise.all([db.jobIds(), multipartUploads(store)]);
  const objects = listed.flat().filter((object) => jobIdOfKey(object.key) !== null);
  const orphans = objects.filter((object) => !jobIds.has(jobIdOfKey(object.key) as string)).map((object) => object.key);
  return [...orphans, ...[...unfinished].map((upload) => `unfinished multipart upload ${upload}`)];
}
