/** What one workspace may use at once (seed 002's per-session limits); operators set defaults and per-workspace overrides. */
export interface WorkspaceLimits {
  /** Jobs waiting or processing at once; the next upload or rerun is refused with 429 until one finishes. */
  concurrentJobs: number;
  /** Files one upload may carry, counting each CSV file inside a .zip. */
  filesPerUpload: number;
  /** Bytes the workspace's jobs and inboxes may hold in storage; an upload that would pass it is refused with 413. */
  storageBytes: number;
  /** Longest time (and the default) a job's data is kept after it finishes. */
  retentionHours: number;
}

export const WORKSPACE_LIMIT_NAMES = ['concurrentJobs', 'filesPerUpload', 'storageBytes', 'retentionHours'] as const satisfies readonly (keyof WorkspaceLimits)[];

/** A workspace's limits and how much of each it uses now. */
export interface WorkspaceLimitsUsage {
  limits: WorkspaceLimits;
  /** Jobs waiting or processing now. */
  runningJobs: number;
  /** Bytes counted against `storageBytes`: job objects, inbox files and incomplete uploads. */
  storageBytes: number;
}
