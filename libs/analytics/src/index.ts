export * from './lib/duckdb-session';
export * from './lib/sensor-aggregations';
export * from './lib/merge-records';
export * from './lib/typed-columns';
export * from './lib/join-pipeline';
export * from './lib/daily-metrics';
export * from './lib/distinct-key';
export * from './lib/csv-files';
