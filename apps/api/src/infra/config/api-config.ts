import { TASK_QUEUE, type WorkspaceLimits } from '@sluice/contracts';
import { positiveNumberFromEnv } from '@sluice/core';
import { workspaceLimitsFromEnv } from '@sluice/jobs';
import { databaseUrlFromEnv, type SecretKeySource, secretKeySourceFromEnv } from '@sluice/db';
import type { S3Config } from '@sluice/storage';
import { s3ConfigFromEnv } from '@sluice/storage';

import { type IdentityConfig, identityConfigFromEnv } from './identity-config';

export interface ApiConfig {
  host: string;
  port: number;
  /** The largest file an upload takes (MAX_UPLOAD_MB, 2 GB by default: uploads stream to S3 in parts). */
  maxUploadBytes: number;
  /** The largest workbook a preview reads whole (MAX_PREVIEW_WORKBOOK_MB): a preview holds it in memory, an upload does not. */
  maxPreviewWorkbookBytes: number;
  /** Every workspace's limits unless it overrides one (Workspace.limits; `npm run workspace-limits`). */
  workspaceLimits: WorkspaceLimits;
  taskQueue: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string | null;
  /** Folder of the built admin console, served at / when present. */
  adminDir: string;
  /** DATABASE_URL, required. */
  databaseUrl: string;
  /** The key sealing secrets at rest (SLUICE_SECRET_KEY, or a key file made on first start). */
  secretKey: SecretKeySource;
  s3: S3Config;
  http: HttpConfig;
  webhooks: {
    /** Private addresses webhooks may reach anyway, e.g. "127.0.0.1" (WEBHOOK_ALLOWED_NETWORKS). */
    allowedNetworks: string;
    timeoutMs: number;
  };
  identity: IdentityConfig;
}

/** How long a request may take to arrive, and how large and deep a JSON body may be. */
export interface HttpConfig {
  /** A request body that sends nothing for this long is cut off with a 408 (REQUEST_IDLE_TIMEOUT_MS). */
  bodyIdleTimeoutMs: number;
  /** The request line and headers must arrive within this (REQUEST_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** The whole request must arrive within this (REQUEST_TIMEOUT_MS): long enough for the largest upload on a slow link. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this (KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** MAX_JSON_BODY_KB */
  maxJsonBytes: number;
  /** How deeply arrays and objects of a JSON body may nest (MAX_JSON_DEPTH). */
  maxJsonDepth: number;
}

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port: Number(env['PORT'] ?? 3000),
    maxUploadBytes: Math.round(positiveNumberFromEnv(env, 'MAX_UPLOAD_MB', 2048) * 1024 * 1024),
    maxPreviewWorkbookBytes: Math.round(positiveNumberFromEnv(env, 'MAX_PREVIEW_WORKBOOK_MB', 64) * 1024 * 1024),
    workspaceLimits: workspaceLimitsFromEnv(env),
    taskQueue: env['TEMPORAL_TASK_QUEUE'] ?? TASK_QUEUE,
    temporalAddress: env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
    temporalNamespace: env['TEMPORAL_NAMESPACE'] ?? 'default',
    temporalUiUrl: env['TEMPORAL_UI_URL'] ?? null,
    adminDir: env['ADMIN_DIST'] ?? `${process.cwd()}/dist/apps/admin/browser`,
    databaseUrl: databaseUrlFromEnv(env),
    secretKey: secretKeySourceFromEnv(env),
    s3: s3ConfigFromEnv(env),
    http: {
      bodyIdleTimeoutMs: positiveNumberFromEnv(env, 'REQUEST_IDLE_TIMEOUT_MS', 30_000),
      headersTimeoutMs: positiveNumberFromEnv(env, 'REQUEST_HEADERS_TIMEOUT_MS', 20_000),
      requestTimeoutMs: positiveNumberFromEnv(env, 'REQUEST_TIMEOUT_MS', 3_600_000),
      keepAliveTimeoutMs: positiveNumberFromEnv(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000),
      maxJsonBytes: Math.round(positiveNumberFromEnv(env, 'MAX_JSON_BODY_KB', 1024) * 1024),
      maxJsonDepth: positiveNumberFromEnv(env, 'MAX_JSON_DEPTH', 64),
    },
    webhooks: {
      allowedNetworks: env['WEBHOOK_ALLOWED_NETWORKS'] ?? '',
      timeoutMs: positiveNumberFromEnv(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    },
    identity: identityConfigFromEnv(env),
  };
}
