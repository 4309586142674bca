export type {
  BuildResultsInput,
  ClaimedInbox,
  ClaimInboxInput,
  CsvJobActivities,
  DeliverBatchInput,
  DeliveryCounts,
  InboxActivities,
  InboxJobInput,
  JobResults,
  OutputRebuildActivities,
  OutputRebuildPlan,
  RedeliverInput,
  ResultSource,
} from './activities';
export type { StorageSweeperActivities } from './storage-sweeper-activities';
export type { RebuildJobOutputOutcome } from './workflows/rebuild-job-output.workflow';
export { retryFailedDeliveriesSignal, setDeliveryRateSignal } from './workflows/signals';
export { workflowsPathUnder } from './workflows-path';
export { csvJobStartOptions } from './job-start-options';
export { outputRebuildStartOptions } from './output-rebuild-start-options';
export { datasetSearchAttribute, statusSearchAttribute } from './search-attributes';
export { activityStep } from './activity-steps';
