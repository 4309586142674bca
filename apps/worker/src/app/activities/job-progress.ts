import type { ActivityFence } from '@sluice/db';
import { Context } from '@temporalio/activity';

import type { ActivityDeps } from './activity-deps';

const REPORT_EVERY_MS = 1000;

/**
 * Reports rows processed: a heartbeat (so a stuck attempt is noticed and retried) and, at most once
 * a second, the upload's and job's counters in Postgres, which the API and admin show.
 */
export class JobProgress {
  private lastReport = 0;

  constructor(
    private readonly deps: ActivityDeps,
    private readonly workspaceId: string,
    private readonly jobId: string,
    private readonly uploadId: string,
    private readonly fence: ActivityFence,
  ) {}

  async tick(rowsProcessed: number): Promise<void> {
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    Context.current().heartbeat({ rowsProcessed });
    await this.save(rowsProcessed);
  }

  async save(rowsProcessed: number): Promise<void> {
    await this.deps.db.jobs.saveProgress(this.workspaceId, this.jobId, this.uploadId, rowsProcessed, this.fence);
  }
}
