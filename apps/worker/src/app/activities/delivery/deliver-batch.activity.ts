import type { DeliverBatchInput, DeliveryCounts } from '@sluice/temporal';
import { deliverBatchRecords } from '@sluice/webhooks';

import type { ActivityDeps } from '../activity-deps';
import { claimAttemptFence } from '../attempt-fence';
import { deliveryEngine } from './delivery-engine';

/** Delivers one batch of the job's records, resuming from what earlier attempts stored and heartbeated (see deliverBatchRecords). */
export async function deliverBatch(deps: ActivityDeps, { workspaceId, jobId, dataset, recordsKey, batch }: DeliverBatchInput): Promise<DeliveryCounts> {
  const fence = await claimAttemptFence(deps, workspaceId, jobId, `deliverBatch:${batch.index}`);
  return deliverBatchRecords(deliveryEngine(deps, workspaceId, fence), { jobId, dataset, batch, readRecords: (start, end) => deps.store.readRange(recordsKey, start, end) });
}
