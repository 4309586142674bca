/** Where every job's objects live; the storage sweeper looks only here (never at inboxes). */
export const JOBS_PREFIX = 'jobs/';

/** Where scheduled sources' files are dropped, one folder per dataset or pipeline. */
export const INBOX_PREFIX = 'inbox/';

export function inboxPrefix(source: string): string {
  return `${INBOX_PREFIX}${source}/`;
}

/** Every object of a job lives under one prefix, so expiry is one prefix delete. */
export function jobPrefix(jobId: string): string {
  return `${JOBS_PREFIX}${jobId}/`;
}

// Job ids are lower-case UUIDs (as Postgres prints them), so a key's id compares equal to the row's.
const JOB_KEY = /^jobs\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//;

/** The job an object belongs to by its key; null for a key outside any job's prefix (or not named for a job id). */
export function jobIdOfKey(key: string): string | null {
  return JOB_KEY.exec(key)?.[1] ?? null;
}

export function uploadKey(jobId: string, uploadId: string, safeFileName: string): string {
  return `${jobPrefix(jobId)}uploads/${uploadId}/${safeFileName}`;
}

/** The file name an upload's object was stored under (its extension tells how to read it). */
export function uploadFileName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

export function stagedKey(jobId: string, uploadId: string): string {
  return `${jobPrefix(jobId)}staged/${uploadId}.csv`;
}

const MAX_NAME_LENGTH = 120;

/**
 * A file name safe to put in a key and a header: the client's path is dropped, accents folded,
 * anything outside [A-Za-z0-9._-] replaced, and dot-only names refused.
 */
export function sanitizeFileName(name: string, fallback = 'upload.csv'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const folded = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const safe = folded
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-MAX_NAME_LENGTH);
  // The extension tells the worker how to read the file: "日本.xlsx" must not become "xlsx".
  const extension = (/\.(csv|tsv|txt)\.gz$|\.[A-Za-z0-9]+$/i.exec(base)?.[0] ?? '').toLowerCase();
  if (!/[A-Za-z0-9]/.test(safe)) return extension ? `upload${extension}` : fallback;
  return safe.toLowerCase().endsWith(extension) ? safe : `upload${extension}`;
}
export function resultKey(jobId: string, part: 'clean' | 'rejected'): string {
  return `${jobPrefix(jobId)}results/${part}.csv`;
}

/** The job's merged records as newline-delimited JSON, one object per record: what webhooks deliver. */
export function recordsKey(jobId: string): string {
  return `${jobPrefix(jobId)}results/records.ndjson`;
}
