import type { WorkspaceLimits } from '@sluice/contracts';
import { positiveNumberFromEnv } from '@sluice/core';

/** Every workspace's limits unless it overrides one: seed 002's per-session limits (storage raised from its 100 MB to 10 GB, so a 2 GB upload and what its job stages fit), or what the environment sets. */
export function workspaceLimitsFromEnv(env: NodeJS.ProcessEnv): WorkspaceLimits {
  return {
    concurrentJobs: positiveNumberFromEnv(env, 'MAX_CONCURRENT_JOBS', 3),
    filesPerUpload: positiveNumberFromEnv(env, 'MAX_FILES_PER_UPLOAD', 10),
    storageBytes: Math.round(positiveNumberFromEnv(env, 'MAX_STORAGE_MB', 10_240) * 1024 * 1024),
    retentionHours: positiveNumberFromEnv(env, 'RETENTION_HOURS', 48),
  };
}
