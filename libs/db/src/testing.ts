// For tests only (`@sluice/db/testing`): what specs need of the database without the client itself.
export * from './lib/testing/database-errors';
export * from './lib/testing/test-database';
