import type { CsvJobActivities, InboxActivities, OutputRebuildActivities } from './activities';

// What each activity does, in a user's words: worker errors and workflow timeouts both say it.
// {file} stands for the file's name when the activity reads one. Plain data, so the workflow bundle can use it.
const STEPS: Record<keyof (CsvJobActivities & InboxActivities & OutputRebuildActivities), string> = {
  claimInbox: "collecting the schedule's inbox files",
  markProcessing: "updating the job's status",
  parseAndValidate: 'reading and validating {file}',
  detectFileDataset: 'reading the header of {file}',
  buildResults: 'merging the files and writing the results',
  deliverBatch: 'delivering records to the webhook',
  redeliverFailed: 'delivering records to the webhook again',
  applyDeliveryRate: 'changing the delivery rate',
  finishDelivery: 'recording the delivery outcome',
  finalize: "recording the job's outcome",
  expireJob: "deleting the job's files after retention",
  loadMergeCorrections: "loading the job's merge corrections",
  planOutputRebuild: "loading the job's files and merge corrections",
  recordRebuiltOutput: "recording the job's new output version",
  recordFailedRebuild: 'recording why the rebuild failed',
};

/** What an activity was doing, e.g. 'reading and validating "crm.csv"'. */
export function activityStep(activity: string, fileName?: string): string {
  const step = (STEPS as Record<string, string>)[activity] ?? 'processing the job';
  return step.replace('{file}', fileName ? JSON.stringify(fileName) : 'a file');
}
