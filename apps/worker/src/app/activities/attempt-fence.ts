import type { ActivityFence } from '@sluice/db';
import { Context } from '@temporalio/activity';

import type { ActivityDeps } from './activity-deps';

/**
 * Claims `scope` of the job for the running attempt and returns the fence its writes carry. A retry
 * can start while the attempt it replaces still runs (Temporal gave up on it, its worker did not hear):
 * the attempt scheduled last is the one whose writes count, and the other's next write throws
 * SupersededAttempt, which ends it.
 */
export async function claimAttemptFence(deps: ActivityDeps, workspaceId: string, jobId: string, scope: string): Promise<ActivityFence> {
  const fence = { jobId, scope, token: Context.current().info.currentAttemptScheduledTimestampMs };
  await deps.db.activityFences.claim(workspaceId, fence);
  return fence;
}
