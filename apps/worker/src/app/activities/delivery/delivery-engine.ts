import type { ActivityFence } from '@sluice/db';
import type { DeliveryEngine } from '@sluice/webhooks';
import { Context } from '@temporalio/activity';

import type { ActivityDeps } from '../activity-deps';

/**
 * The delivery engine of the running activity: the workspace's deliveries (written under the attempt's
 * fence), the worker's sender, and Temporal's heartbeats and cancellation.
 */
export function deliveryEngine(deps: ActivityDeps, workspaceId: string, fence: ActivityFence): DeliveryEngine {
  const context = Context.current();
  return {
    store: deps.db.deliveries.forWorkspace(workspaceId, fence),
    ...deps.webhooks,
    signal: context.cancellationSignal,
    checkpoints: { resumeFrom: context.info.heartbeatDetails, heartbeat: (checkpoint) => context.heartbeat(checkpoint) },
  };
}
