import type { JobStatus } from './job-status';

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
  nextCleanup: { jobId: string; at: string } | null;
}
