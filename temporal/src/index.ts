export type { CsvJobActivities, DeliverBatchInput, DeliveryCounts, InboxActivities, JobSpec, RedeliverInput, ResultsInput } from './activities';
export { retryFailedDeliveriesSignal, setDeliveryRateSignal } from './workflows/signals';
export { workflowsPath } from './workflows-path';
export { csvJobStartOptions } from './job-start-options';
export { datasetSearchAttribute, statusSearchAttribute } from './search-attributes';
