import type { StorageSweepInput, StorageSweepOutcome } from '@sluice/contracts';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';

import type { StorageSweeperActivities } from '../storage-sweeper-activities';

// A sweep is idempotent, so a retry after a crash or an outage simply sweeps what is still there.
const sweeping = proxyActivities<StorageSweeperActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
});

const recording = proxyActivities<StorageSweeperActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

/** One run of the storage sweeper: sweep, then record what went (from the workflow's history, so a retried recording cannot lose it). */
export async function storageSweep(input: StorageSweepInput = {}): Promise<StorageSweepOutcome> {
  const outcome = await sweeping.sweepStorage(input);
  await recording.recordStorageSweep({ ...outcome, workflowRunId: workflowInfo().runId });
  return outcome;
}
