/** Every workspace's objects live under its own prefix: its jobs' and its inboxes'. */
export const WORKSPACES_PREFIX = 'workspaces/';

/** Where jobs recorded before workspaces keep their objects (all of the default workspace); new jobs never write here. */
export const LEGACY_JOBS_PREFIX = 'jobs/';

/** Where schedules made before workspaces collect their files (the default workspace's). */
export const LEGACY_INBOX_PREFIX = 'inbox/';

/** Where the storage sweeper looks for job objects: every workspace's, and the legacy ones (it skips inbox keys). */
export const JOB_OBJECT_PREFIXES = [LEGACY_JOBS_PREFIX, WORKSPACES_PREFIX] as const;

export function workspacePrefix(workspaceId: string): string {
  return `${WORKSPACES_PREFIX}${workspaceId}/`;
}

/** The root every inbox of the workspace sits under; schedules' prefixes may not leave it. */
export function inboxRoot(workspaceId: string): string {
  return `${workspacePrefix(workspaceId)}inbox/`;
}

/** Where scheduled sources' files are dropped, one folder per dataset or pipeline. */
export function inboxPrefix(workspaceId: string, source: string): string {
  return `${inboxRoot(workspaceId)}${source}/`;
}

/**
 * A schedule's inbox prefix as the user gives it: relative to the workspace's inbox root ("email/weekly"),
 * or written out from it. Null when it would leave the root: "..", another workspace's folder, job data.
 */
export function confinedInboxPrefix(workspaceId: string, given: string): string | null {
  const root = inboxRoot(workspaceId);
  const trimmed = given.trim().replace(/^\/+/, '');
  const absolute = [WORKSPACES_PREFIX, LEGACY_JOBS_PREFIX, LEGACY_INBOX_PREFIX].some((p) => `${trimmed}/`.startsWith(p));
  if (absolute && !`${trimmed}/`.startsWith(root)) return null;
  const relative = absolute ? `${trimmed}/`.slice(root.length) : trimmed;
  const parts = relative.split('/').filter((part, index, all) => part !== '' || index === all.length - 1);
  if (parts.some((part) => part === '.' || part === '..' || /[\\\u0000-\u001f]/.test(part))) return null;
  const path = parts.filter(Boolean).join('/');
  return path ? `${root}${path}/` : null;
}

/** Whether a schedule's prefix is inside the workspace's inboxes (the default workspace's may also be a legacy `inbox/…` one). */
export function isInboxOf(workspaceId: string, prefix: string, legacyAllowed: boolean): boolean {
  const safe = !prefix.split('/').some((part) => part === '..' || part === '.');
  return safe && (prefix.startsWith(inboxRoot(workspaceId)) || (legacyAllowed && prefix.startsWith(LEGACY_INBOX_PREFIX)));
}

/** Every object of a job lives under one prefix inside its workspace's, so expiry is one prefix delete. */
export function jobPrefix(workspaceId: string, jobId: string): string {
  return `${workspacePrefix(workspaceId)}jobs/${jobId}/`;
}

/** Where a job recorded before workspaces has its objects; expiry and downloads look here too. */
export function legacyJobPrefix(jobId: string): string {
  return `${LEGACY_JOBS_PREFIX}${jobId}/`;
}

// Ids are lower-case UUIDs (as Postgres prints them), so a key's id compares equal to the row's.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const JOB_KEY = new RegExp(`^(?:workspaces/${UUID}/)?jobs/(${UUID})/`);

/** The job an object belongs to by its key; null for a key outside any job's prefix (an inbox's, or not named for a job id). */
export function jobIdOfKey(key: string): string | null {
  return JOB_KEY.exec(key)?.[1] ?? null;
}

export function uploadKey(workspaceId: string, jobId: string, uploadId: string, safeFileName: string): string {
  return `${jobPrefix(workspaceId, jobId)}uploads/${uploadId}/${safeFileName}`;
}

/** The file name an upload's object was stored under (its extension tells how to read it). */
export function uploadFileName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

export function stagedKey(workspaceId: string, jobId: string, uploadId: string): string {
  return `${jobPrefix(workspaceId, jobId)}staged/${uploadId}.csv`;
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
export function resultKey(workspaceId: string, jobId: string, part: 'clean' | 'rejected'): string {
  return `${jobPrefix(workspaceId, jobId)}results/${part}.csv`;
}

/** Where a job that finished before workspaces wrote its results. */
export function legacyResultKey(jobId: string, part: 'clean' | 'rejected'): string {
  return `${legacyJobPrefix(jobId)}results/${part}.csv`;
}

/** The job's merged records as newline-delimited JSON, one object per record: what webhooks deliver. */
export function recordsKey(workspaceId: string, jobId: string): string {
  return `${jobPrefix(workspaceId, jobId)}results/records.ndjson`;
}

/**
 * The provenance of the job's merge (Parquet: who was merged with whom, and why; see readMergeGroups),
 * next to its results and under its prefix, so expiry and the storage sweeper remove it with them.
 * A rebuild after a correction replaces it.
 */
export function provenanceKey(workspaceId: string, jobId: string): string {
  return `${jobPrefix(workspaceId, jobId)}results/provenance.parquet`;
}
