export * from './lib/object-keys';
export * from './lib/object-store';
export * from './lib/s3-config';
export * from './lib/storage-errors';
export * from './lib/sweep-plan';
export * from './lib/workspace-objects';
