import type { DeliveryEngine } from '@sluice/webhooks';
import { Context } from '@temporalio/activity';

import type { ActivityDeps } from '../activity-deps';

/** The delivery engine of the running activity: the deliveries repository, the worker's sender, and Temporal's heartbeats and cancellation. */
export function deliveryEngine(deps: ActivityDeps): DeliveryEngine {
  const context = Context.current();
  return {
    store: deps.db.deliveries,
    ...deps.webhooks,
    signal: context.cancellationSignal,
    checkpoints: { resumeFrom: context.info.heartbeatDetails, heartbeat: (checkpoint) => context.heartbeat(checkpoint) },
  };
}
