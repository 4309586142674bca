import type { DuckDbResources } from '@sluice/analytics';
import type { FileLimits } from '@sluice/core';
import type { Repositories } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import type { WebhookSender } from '@sluice/webhooks';

export interface ActivityDeps {
  /** Postgres, one repository per aggregate. */
  db: Repositories;
  store: ObjectStore;
  /** How much one file may ask of the worker; DEFAULT_FILE_LIMITS when left out. */
  fileLimits?: FileLimits;
  /** What a DuckDB session building results may take; DEFAULT_DUCKDB_RESOURCES when left out. */
  duckDb?: DuckDbResources;
  webhooks: {
    /** One sender per worker, so connections to a receiver are reused across batches. */
    sender: WebhookSender;
    /** Requests in flight per delivery activity. */
    concurrency: number;
  };
}
