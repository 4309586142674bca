export * from './lib/duckdb-session';
export * from './lib/sensor-aggregations';
export * from './lib/merge-records';
