// The names the API starts workflows by and the worker polls and schedules by. Signals and search attributes are
// owned by temporal/ (workflows/signals.ts, search-attributes.json), since workflow code cannot import this library.

/** The task queue the API starts workflows on and the worker polls, unless TEMPORAL_TASK_QUEUE says otherwise. */
export const TASK_QUEUE = 'sluice';

/** A workflow's type is the name its function is exported under from temporal/src/workflows. */
export const CSV_JOB_WORKFLOW = 'csvJob';

/** The workflow a schedule starts: collects its inbox into one job. */
export const INBOX_JOB_WORKFLOW = 'inboxJob';

export const STORAGE_SWEEP_WORKFLOW = 'storageSweep';

/** Rebuilds a finished job's output with its merge corrections, as its next output version. */
export const REBUILD_JOB_OUTPUT_WORKFLOW = 'rebuildJobOutputWorkflow';

/** The hourly Temporal Schedule (created by the worker) that runs the storage sweeper workflow. */
export const STORAGE_SWEEPER_SCHEDULE_ID = 'storage-sweeper';

export function workflowIdForJob(jobId: string): string {
  return `job-${jobId}`;
}

/** One rebuild per job and output version: a retried start of the same rebuild is the same workflow. */
export function workflowIdForOutputRebuild(jobId: string, outputVersion: number): string {
  return `job-${jobId}-output-${outputVersion}`;
}

/** Error type for input that no retry can fix; workflows declare it non-retryable. */
export const BAD_INPUT_ERROR = 'BadInput';
