import type { DeliveryPlan } from '@sluice/contracts';

import type { AttemptResult } from '../webhook-sender';
import { DeliveryProgress } from './delivery-progress';
import { deliveryFailure, OutgoingRecord, outgoingRecord, recordLines } from './outgoing-record';
import { DeliveryCounts, DeliveryEngine, ReadRecords, runDelivery } from './run-delivery';

export interface Redelivery {
  jobId: string;
  dataset: string;
  batches: DeliveryPlan['batches'];
  readRecords: ReadRecords;
}

/** Replays the failed-deliveries list with the job's current rate and retry schedule. */
export async function redeliverFailedRecords(engine: DeliveryEngine, { jobId, dataset, batches, readRecords }: Redelivery): Promise<DeliveryCounts> {
  const { store } = engine;
  const progress = new DeliveryProgress(engine.checkpoints);
  const failures = await store.outstandingFailures(jobId);
  const earlierAttempts = new Map(failures.map((f) => [f.recordIndex, f.attempts]));

  // Failures come sorted by record and batches cover the records in order: one pass pairs them,
  // and only batches holding an outstanding failure are read.
  const records: OutgoingRecord[] = [];
  let next = 0;
  for (const batch of batches) {
    const wanted: number[] = [];
    for (; next < failures.length && failures[next].recordIndex < batch.firstRecord + batch.count; next++) {
      if (!progress.isFinished(failures[next].recordIndex)) wanted.push(failures[next].recordIndex);
    }
    if (wanted.length === 0) continue;
    const lines = recordLines(await readRecords(batch.start, batch.end));
    for (const recordIndex of wanted) records.push(outgoingRecord(jobId, dataset, recordIndex, lines[recordIndex - batch.firstRecord]));
    // Failures spread over many batches take longer to read than the heartbeat timeout; the checkpoint is unchanged so far.
    progress.heartbeat();
  }

  const save = async () => {
    progress.heartbeat();
    await store.saveCurrentRate(jobId, progress.currentRate());
  };
  await store.markRedelivering(jobId);
  const listener = {
    acknowledged: async (recordIndex: number) => {
      await store.markRedelivered(jobId, recordIndex);
      progress.acknowledge(recordIndex);
    },
    failed: async (recordIndex: number, attempts: number, last: AttemptResult) => {
      await store.recordFailure(jobId, recordIndex, deliveryFailure((earlierAttempts.get(recordIndex) ?? 0) + attempts, last));
      progress.fail(recordIndex);
    },
  };
  await runDelivery(engine, jobId, records, listener, save);
  return { delivered: progress.acked.size, failed: progress.failed.size };
}
