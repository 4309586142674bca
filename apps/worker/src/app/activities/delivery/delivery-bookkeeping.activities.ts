import { settledDeliveryState } from '@sluice/webhooks';

import type { ActivityDeps } from '../activity-deps';

export async function applyDeliveryRate(deps: ActivityDeps, { workspaceId, jobId, rateLimit }: { workspaceId: string; jobId: string; rateLimit: number | null }): Promise<void> {
  await deps.db.deliveries.setRateLimit(workspaceId, jobId, rateLimit);
}

/** Settles the delivery state from what is stored, and starts the retention clock at the end of delivery. */
export async function finishDelivery(
  deps: ActivityDeps,
  { workspaceId, jobId, retentionMs, error }: { workspaceId: string; jobId: string; retentionMs: number; error: string | null },
): Promise<void> {
  const state = settledDeliveryState({ ...(await deps.db.deliveries.outcomeFacts(workspaceId, jobId)), error });
  const now = new Date();
  await deps.db.deliveries.settle(workspaceId, jobId, { state, error, finishedAt: now, expiresAt: new Date(now.getTime() + retentionMs) });
}
