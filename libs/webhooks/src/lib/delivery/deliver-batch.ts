import type { DeliveryBatchPlan } from '@sluice/contracts';

import type { AttemptResult } from '../webhook-sender';
import { AckCheckpoint } from './ack-checkpoint';
import { DeliveryProgress } from './delivery-progress';
import { deliveryFailure, outgoingRecord, recordLines } from './outgoing-record';
import { DeliveryCounts, DeliveryEngine, ReadRecords, runDelivery } from './run-delivery';

export interface BatchDelivery {
  jobId: string;
  dataset: string;
  batch: DeliveryBatchPlan;
  readRecords: ReadRecords;
}

/**
 * Delivers one batch of the job's records. Each acknowledgement is stored before its request's slot
 * is freed, and failures are stored as they happen, so an attempt that replaces a crashed one sends
 * only what is still outstanding, repeating at most the requests that were in flight.
 */
export async function deliverBatchRecords(engine: DeliveryEngine, { jobId, dataset, batch, readRecords }: BatchDelivery): Promise<DeliveryCounts> {
  const { store } = engine;
  const checkpoint = await AckCheckpoint.open(store, jobId, batch.index);
  const progress = new DeliveryProgress(engine.checkpoints, checkpoint.acked);
  const lines = recordLines(await readRecords(batch.start, batch.end));
  if (lines.length !== batch.count) throw new Error(`Batch ${batch.index} holds ${lines.length} records, ${batch.count} were planned`);
  const records = lines.map((line, offset) => outgoingRecord(jobId, dataset, batch.firstRecord + offset, line)).filter((record) => !progress.isFinished(record.recordIndex));

  const save = async () => {
    progress.heartbeat();
    await store.saveBatchProgress(jobId, batch.index, { delivered: progress.acked.size, currentRate: progress.currentRate() });
  };
  const listener = {
    acknowledged: (recordIndex: number) => {
      progress.acknowledge(recordIndex);
      return checkpoint.save(recordIndex);
    },
    // The failure is stored before it joins the heartbeat, so a resumed attempt never loses it.
    failed: async (recordIndex: number, attempts: number, last: AttemptResult) => {
      await store.recordFailure(jobId, recordIndex, deliveryFailure(attempts, last));
      progress.fail(recordIndex);
    },
  };
  await runDelivery(engine, jobId, records, listener, save);
  return { delivered: progress.acked.size, failed: progress.failed.size };
}
