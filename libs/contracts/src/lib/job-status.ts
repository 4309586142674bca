/** Life cycle of a job, in the order a job moves through it (seed 004's model plus `expired`). */
export const JOB_STATUSES = ['waiting', 'processing', 'processed', 'partial', 'failed', 'no_files', 'expired'] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses of a job whose workflow is still working on it. */
export const RUNNING_JOB_STATUSES: readonly JobStatus[] = ['waiting', 'processing'];

/** Statuses after which the job's data no longer changes, apart from expiry. */
export const FINISHED_JOB_STATUSES = ['processed', 'partial', 'failed', 'no_files'] as const satisfies readonly JobStatus[];

export type FinishedJobStatus = (typeof FINISHED_JOB_STATUSES)[number];

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

export function isFinishedJobStatus(status: JobStatus): status is FinishedJobStatus {
  return (FINISHED_JOB_STATUSES as readonly JobStatus[]).includes(status);
}
