// Use cases shared by the API, the worker and the CLI: plain classes over narrow ports, no HTTP.
export * from './lib/job-request-error';
export * from './lib/ports';
export * from './lib/source-spec';
export * from './lib/start-recorded-job';
export * from './lib/launch/delivery-settings';
export * from './lib/launch/launch-job';
export * from './lib/launch/launch-request';
export * from './lib/launch/store-incoming-file';
export * from './lib/launch/webhook-endpoint-registration';
export * from './lib/rerun/legacy-job-spec';
export * from './lib/rerun/rerun-job';
export * from './lib/claim/claim-inbox';
export * from './lib/launch/intake-format';
export * from './lib/presets/install-presets';
export * from './lib/limits/workspace-quota';
export * from './lib/limits/workspace-limits-from-env';
