// For tests only (`@sluice/jobs/testing`): what specs need to build uploads the way real tools do.
export * from './lib/launch/testing/zip-bytes';
