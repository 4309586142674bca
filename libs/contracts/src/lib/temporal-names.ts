/** Names shared by the API (which starts workflows) and the worker (which polls for them). */
export const TASK_QUEUE = 'sluice';

export const CSV_JOB_WORKFLOW = 'csvJob';

export function workflowIdForJob(jobId: string): string {
  return `job-${jobId}`;
}

/** Error type for input that no retry can fix; workflows declare it non-retryable. */
export const BAD_INPUT_ERROR = 'BadInput';
