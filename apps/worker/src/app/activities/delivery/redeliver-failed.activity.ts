import type { DeliveryCounts, RedeliverInput } from '@sluice/temporal';
import { redeliverFailedRecords } from '@sluice/webhooks';

import type { ActivityDeps } from '../activity-deps';
import { claimAttemptFence } from '../attempt-fence';
import { deliveryEngine } from './delivery-engine';

/** Replays the failed-deliveries list with the job's current rate and retry schedule. */
export async function redeliverFailed(deps: ActivityDeps, { workspaceId, jobId, dataset, plan }: RedeliverInput): Promise<DeliveryCounts> {
  const fence = await claimAttemptFence(deps, workspaceId, jobId, 'redeliverFailed');
  const readRecords = (start: number, end: number) => deps.store.readRange(plan.recordsKey, start, end);
  return redeliverFailedRecords(deliveryEngine(deps, workspaceId, fence), { jobId, dataset, batches: plan.batches, readRecords });
}
