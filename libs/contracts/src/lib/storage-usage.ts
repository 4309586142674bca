import type { JobStatus } from './job-status';
import type { WorkspaceLimitsUsage } from './workspace-limits';

export interface JobStorageView {
  jobId: string;
  dataset: string;
  status: JobStatus | null;
  objects: number;
  bytes: number;
  /** When the job's objects are deleted; null while it runs. */
  expiresAt: string | null;
}

export interface StorageUsageView {
  objects: number;
  bytes: number;
  jobs: JobStorageView[];
  /** Files waiting in schedule inboxes. */
  inbox: { objects: number; bytes: number };
  /** The next job whose objects retention deletes. */
  nextExpiry: { jobId: string; at: string } | null;
  /** Multipart uploads under jobs/ that were started and never completed: their parts take space no object shows. */
  incompleteUploads: { count: number; bytes: number };
  /** The workspace's limits and what it uses of them. */
  quota: WorkspaceLimitsUsage;
  /** When the storage sweeper last finished a run; null before its first. */
  lastCleanup: string | null;
  /** The storage sweeper's next scheduled run; null when its schedule is paused, missing or Temporal does not answer. */
  nextCleanup: string | null;
  /** Objects the last run deleted (orphans and what expiry left behind); null before the first run. */
  filesCleanedLastRun: number | null;
  /** Bytes the last run freed: deleted objects plus the parts of aborted uploads; null before the first run. */
  bytesCleanedLastRun: number | null;
  /** Incomplete multipart uploads the last run aborted; null before the first run. */
  uploadsAbortedLastRun: number | null;
}

/** What the storage sweeper is asked: `minAgeMs` overrides the worker's age threshold (SWEEPER_MIN_AGE_MS). */
export interface StorageSweepInput {
  minAgeMs?: number;
}

/** What one storage sweeper run removed. */
export interface StorageSweepOutcome {
  startedAt: string;
  finishedAt: string;
  /** Objects deleted: under prefixes no job owns, and left behind by expired jobs. */
  filesDeleted: number;
  bytesDeleted: number;
  uploadsAborted: number;
  uploadBytesAborted: number;
  /** Jobs long past expiry whose workflow was gone, now marked expired. */
  jobsExpired: number;
}
