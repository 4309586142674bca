export * from './lib/datasets/dataset-definition';
export * from './lib/datasets/dataset-registry';
export * from './lib/datasets/sensor-readings.dataset';
export * from './lib/validation/field-parsers';
export * from './lib/validation/header-layout';
export * from './lib/validation/row-validator';
export * from './lib/validation/csv-file-validator';
