export * from './lib/aggregations';
export * from './lib/job-status';
export * from './lib/job-views';
export * from './lib/temporal-names';
export * from './lib/workflow-io';
export * from './lib/dataset-definition';
export * from './lib/webhook-delivery';
