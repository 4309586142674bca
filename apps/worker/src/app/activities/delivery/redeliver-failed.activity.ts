import type { DeliveryCounts, RedeliverInput } from '@sluice/temporal';
import { redeliverFailedRecords } from '@sluice/webhooks';

import type { ActivityDeps } from '../activity-deps';
import { deliveryEngine } from './delivery-engine';

/** Replays the failed-deliveries list with the job's current rate and retry schedule. */
export function redeliverFailed(deps: ActivityDeps, { workspaceId, jobId, dataset, plan }: RedeliverInput): Promise<DeliveryCounts> {
  const readRecords = (start: number, end: number) => deps.store.readRange(plan.recordsKey, start, end);
  return redeliverFailedRecords(deliveryEngine(deps, workspaceId), { jobId, dataset, batches: plan.batches, readRecords });
}
