export * from './lib/object-keys';
export * from './lib/object-store';
export * from './lib/s3-config';
