import { positiveNumberFromEnv } from '@sluice/core';

export interface ApiConfig {
  host: string;
  port: number;
  maxUploadBytes: number;
  maxFilesPerUpload: number;
  /** Default (and longest) time a job's data is kept after it finishes. */
  retentionHours: number;
  taskQueue: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string | null;
  /** Folder of the built admin console, served at / when present. */
  adminDir: string;
  webhooks: {
    /** Private addresses webhooks may reach anyway, e.g. "127.0.0.1" (WEBHOOK_ALLOWED_NETWORKS). */
    allowedNetworks: string;
    timeoutMs: number;
  };
}

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port: Number(env['PORT'] ?? 3000),
    maxUploadBytes: Math.round(positiveNumberFromEnv(env, 'MAX_UPLOAD_MB', 20) * 1024 * 1024),
    maxFilesPerUpload: positiveNumberFromEnv(env, 'MAX_FILES_PER_UPLOAD', 20),
    retentionHours: positiveNumberFromEnv(env, 'RETENTION_HOURS', 48),
    taskQueue: env['TEMPORAL_TASK_QUEUE'] ?? 'sluice',
    temporalAddress: env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
    temporalNamespace: env['TEMPORAL_NAMESPACE'] ?? 'default',
    temporalUiUrl: env['TEMPORAL_UI_URL'] ?? null,
    adminDir: env['ADMIN_DIST'] ?? `${process.cwd()}/dist/apps/admin/browser`,
    webhooks: {
      allowedNetworks: env['WEBHOOK_ALLOWED_NETWORKS'] ?? '',
      timeoutMs: positiveNumberFromEnv(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    },
  };
}
