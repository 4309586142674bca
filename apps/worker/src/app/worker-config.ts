import { DEFAULT_DUCKDB_RESOURCES, type DuckDbResources } from '@sluice/analytics';
import { HOUR_MS, TASK_QUEUE } from '@sluice/contracts';
import type { FileLimits } from '@sluice/core';
import { DEFAULT_FILE_LIMITS, FileLimitExceeded, positiveNumberFromEnv } from '@sluice/core';
import { databaseUrlFromEnv, type SecretKeySource, secretKeySourceFromEnv } from '@sluice/db';
import type { S3Config } from '@sluice/storage';
import { s3ConfigFromEnv } from '@sluice/storage';
import { workflowsPathUnder } from '@sluice/temporal';

export interface WorkerConfig {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** The workflows' source entry, bundled at start-up: under SLUICE_ROOT, or the working directory. */
  workflowsPath: string;
  /** DATABASE_URL, required. */
  databaseUrl: string;
  /** The key sealing secrets at rest, the API's (SLUICE_SECRET_KEY, or the shared key file). */
  secretKey: SecretKeySource;
  s3: S3Config;
  /** Files processed at the same time by this worker. */
  maxConcurrentActivities: number;
  /** How much one file may ask of the worker (see FILE_LIMIT_SETTINGS). */
  fileLimits: FileLimits;
  /** What each DuckDB session building a job's results may take (DUCKDB_MEMORY_LIMIT_MB, DUCKDB_THREADS, DUCKDB_SPILL_DIR, DUCKDB_MAX_SPILL_MB). */
  duckDb: DuckDbResources;
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

/** The environment variable behind each file limit, named in the message of a file refused for it. */
export const FILE_LIMIT_SETTINGS: Record<keyof FileLimits, string> = {
  maxColumns: 'WORKER_MAX_COLUMNS',
  maxHeaderBytes: 'WORKER_MAX_HEADER_BYTES',
  // Staged rows are read back by DuckDB, whose max_line_size must stay above this.
  maxRowBytes: 'WORKER_MAX_ROW_BYTES',
  maxRows: 'WORKER_MAX_ROWS_PER_FILE',
};

function fileLimitsFromEnv(env: NodeJS.ProcessEnv): FileLimits {
  const limit = (key: keyof FileLimits) => Math.floor(positiveNumberFromEnv(env, FILE_LIMIT_SETTINGS[key], DEFAULT_FILE_LIMITS[key]));
  return { maxColumns: limit('maxColumns'), maxHeaderBytes: limit('maxHeaderBytes'), maxRowBytes: limit('maxRowBytes'), maxRows: limit('maxRows') };
}

/** A file refused for a limit says which setting raises it; any other error is returned as it is. */
export function namingItsSetting(error: unknown): unknown {
  if (!(error instanceof FileLimitExceeded)) return error;
  return new FileLimitExceeded(error.limit, `${error.message} (the worker's ${FILE_LIMIT_SETTINGS[error.limit]} setting)`);
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    temporalAddress: env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
    temporalNamespace: env['TEMPORAL_NAMESPACE'] ?? 'default',
    taskQueue: env['TEMPORAL_TASK_QUEUE'] ?? TASK_QUEUE,
    workflowsPath: workflowsPathUnder(env['SLUICE_ROOT'] ?? process.cwd()),
    databaseUrl: databaseUrlFromEnv(env),
    secretKey: secretKeySourceFromEnv(env),
    s3: s3ConfigFromEnv(env),
    maxConcurrentActivities: Math.ceil(positiveNumberFromEnv(env, 'WORKER_MAX_CONCURRENT_ACTIVITIES', 4)),
    fileLimits: fileLimitsFromEnv(env),
    duckDb: {
      memoryLimitMb: env['DUCKDB_MEMORY_LIMIT_MB'] ? positiveNumberFromEnv(env, 'DUCKDB_MEMORY_LIMIT_MB', 0) : DEFAULT_DUCKDB_RESOURCES.memoryLimitMb,
      threads: Math.ceil(positiveNumberFromEnv(env, 'DUCKDB_THREADS', DEFAULT_DUCKDB_RESOURCES.threads)),
      spillDirectory: env['DUCKDB_SPILL_DIR'] || DEFAULT_DUCKDB_RESOURCES.spillDirectory,
      maxSpillMb: positiveNumberFromEnv(env, 'DUCKDB_MAX_SPILL_MB', DEFAULT_DUCKDB_RESOURCES.maxSpillMb),
    },
    webhooks: {
      allowedNetworks: env['WEBHOOK_ALLOWED_NETWORKS'] ?? '',
      concurrency: Math.ceil(positiveNumberFromEnv(env, 'WEBHOOK_CONCURRENCY', 32)),
      timeoutMs: positiveNumberFromEnv(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    },
    sweeper: { minAgeMs: positiveNumberFromEnv(env, 'SWEEPER_MIN_AGE_MS', HOUR_MS) },
  };
}
