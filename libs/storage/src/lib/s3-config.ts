import { positiveNumberFromEnv } from '@sluice/core';

export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Tries per request, the first included: transient errors (refused or reset connections, 5xx, throttling) are retried with backoff. */
  maxAttempts?: number;
  /** How long to wait for a connection to storage before the attempt counts as failed. */
  connectTimeoutMs?: number;
  /** How long one attempt waits for storage to start answering (a storage server that accepts connections but hangs). */
  requestTimeoutMs?: number;
}

export const DEFAULT_S3_MAX_ATTEMPTS = 6;
export const DEFAULT_S3_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_S3_REQUEST_TIMEOUT_MS = 15_000;

/** S3 settings from an environment the app's config passes in. */
export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3Config {
  return {
    endpoint: env['S3_ENDPOINT'] || undefined,
    region: env['S3_REGION'] ?? 'us-east-1',
    bucket: env['S3_BUCKET'] ?? 'sluice',
    accessKeyId: env['S3_ACCESS_KEY_ID'] || undefined,
    secretAccessKey: env['S3_SECRET_ACCESS_KEY'] || undefined,
    maxAttempts: Math.ceil(positiveNumberFromEnv(env, 'S3_MAX_ATTEMPTS', DEFAULT_S3_MAX_ATTEMPTS)),
    connectTimeoutMs: positiveNumberFromEnv(env, 'S3_CONNECT_TIMEOUT_MS', DEFAULT_S3_CONNECT_TIMEOUT_MS),
    requestTimeoutMs: positiveNumberFromEnv(env, 'S3_REQUEST_TIMEOUT_MS', DEFAULT_S3_REQUEST_TIMEOUT_MS),
  };
}
