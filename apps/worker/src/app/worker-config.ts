export interface WorkerConfig {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** Files processed at the same time by this worker. */
  maxConcurrentActivities: number;
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    temporalAddress: env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
    temporalNamespace: env['TEMPORAL_NAMESPACE'] ?? 'default',
    taskQueue: env['TEMPORAL_TASK_QUEUE'] ?? 'sluice',
    maxConcurrentActivities: Number(env['WORKER_MAX_CONCURRENT_ACTIVITIES'] ?? 4),
  };
}
