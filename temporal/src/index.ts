export type { CsvJobActivities, DeliverBatchInput, DeliveryCounts, RedeliverInput, ResultsInput } from './activities';
export { retryFailedDeliveriesSignal, setDeliveryRateSignal } from './workflows/signals';
export { workflowsPath } from './workflows-path';
