import { HOUR_MS } from '@sluice/contracts';
import { positiveNumberFromEnv } from '@sluice/core';

export interface WorkerConfig {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** Files processed at the same time by this worker. */
  maxConcurrentActivities: number;
  webhooks: {
    /** Addresses webhooks may reach besides public ones, e.g. "127.0.0.1,10.20.0.0/16" (WEBHOOK_ALLOWED_NETWORKS). */
    allowedNetworks: string;
    /** Requests in flight per delivery activity. */
    concurrency: number;
    timeoutMs: number;
  };
  sweeper: {
    /** SWEEPER_MIN_AGE_MS: the storage sweeper leaves anything younger alone (an upload writes its objects before its job row). */
    minAgeMs: number;
  };
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    temporalAddress: env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
    temporalNamespace: env['TEMPORAL_NAMESPACE'] ?? 'default',
    taskQueue: env['TEMPORAL_TASK_QUEUE'] ?? 'sluice',
    maxConcurrentActivities: Math.ceil(positiveNumberFromEnv(env, 'WORKER_MAX_CONCURRENT_ACTIVITIES', 4)),
    webhooks: {
      allowedNetworks: env['WEBHOOK_ALLOWED_NETWORKS'] ?? '',
      concurrency: Math.ceil(positiveNumberFromEnv(env, 'WEBHOOK_CONCURRENCY', 32)),
      timeoutMs: positiveNumberFromEnv(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    },
    sweeper: { minAgeMs: positiveNumberFromEnv(env, 'SWEEPER_MIN_AGE_MS', HOUR_MS) },
  };
}
