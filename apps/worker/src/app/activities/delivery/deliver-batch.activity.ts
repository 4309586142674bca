import type { DeliverBatchInput, DeliveryCounts } from '@sluice/temporal';
import type { AttemptResult } from '@sluice/webhooks';
import { Context } from '@temporalio/activity';

import type { ActivityDeps } from '../activity-deps';
import { AckCheckpoint } from './ack-checkpoint';
import { DeliveryProgress } from './delivery-progress';
import { outgoingRecord, recordFailure, recordLines } from './delivery-target';
import { runDelivery } from './run-delivery';

/**
 * Delivers one batch of the job's records. Each acknowledgement is stored before its request's slot
 * is freed, and failures are stored as they happen, so an attempt that replaces a crashed one sends
 * only what is still outstanding, repeating at most the requests that were in flight.
 */
export async function deliverBatch(deps: ActivityDeps, { jobId, dataset, recordsKey, batch }: DeliverBatchInput): Promise<DeliveryCounts> {
  const context = Context.current();
  const { prisma } = deps;
  const checkpoint = await AckCheckpoint.open(prisma, jobId, batch.index);
  const progress = new DeliveryProgress(context, checkpoint.acked);
  const lines = recordLines(await deps.store.readRange(recordsKey, batch.start, batch.end));
  if (lines.length !== batch.count) throw new Error(`Batch ${batch.index} holds ${lines.length} records, ${batch.count} were planned`);
  const records = lines
    .map((line, offset) => outgoingRecord(jobId, dataset, batch.firstRecord + offset, line))
    .filter((record) => !progress.isFinished(record.recordIndex));

  const save = async () => {
    progress.heartbeat();
    await prisma.$transaction([
      prisma.deliveryBatch.update({ where: { jobId_index: { jobId, index: batch.index } }, data: { delivered: progress.acked.size } }),
      prisma.jobDelivery.update({ where: { jobId }, data: { currentRate: progress.currentRate() } }),
    ]);
  };
  const listener = {
    acknowledged: (recordIndex: number) => {
      progress.acknowledge(recordIndex);
      return checkpoint.save(recordIndex);
    },
    // The failure is stored before it joins the heartbeat, so a resumed attempt never loses it.
    failed: async (recordIndex: number, attempts: number, last: AttemptResult) => {
      await recordFailure(prisma, jobId, recordIndex, attempts, last);
      progress.fail(recordIndex);
    },
  };
  await runDelivery(deps, context, jobId, records, listener, save);
  return { delivered: progress.acked.size, failed: progress.failed.size };
}
