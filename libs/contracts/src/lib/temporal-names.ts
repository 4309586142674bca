/** Names shared by the API (which starts workflows) and the worker (which polls for them). */
export const TASK_QUEUE = 'sluice';

export const CSV_JOB_WORKFLOW = 'csvJob';

/** The workflow a schedule starts: collects its inbox into one job. */
export const INBOX_JOB_WORKFLOW = 'inboxJob';

/** The hourly Temporal Schedule (created by the worker) that runs the storage sweeper workflow. */
export const STORAGE_SWEEPER_SCHEDULE_ID = 'storage-sweeper';

export const STORAGE_SWEEP_WORKFLOW = 'storageSweep';

/** Custom search attributes (registered with the server) that make jobs findable in Temporal UI. */
export const SEARCH_ATTRIBUTES = { dataset: 'SluiceDataset', status: 'SluiceStatus' } as const;

export function workflowIdForJob(jobId: string): string {
  return `job-${jobId}`;
}

/** Error type for input that no retry can fix; workflows declare it non-retryable. */
export const BAD_INPUT_ERROR = 'BadInput';
