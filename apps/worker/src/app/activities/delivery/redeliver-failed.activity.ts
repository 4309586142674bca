import type { DeliveryCounts, RedeliverInput } from '@sluice/temporal';
import type { AttemptResult } from '@sluice/webhooks';
import { Context } from '@temporalio/activity';

import type { ActivityDeps } from '../activity-deps';
import type { OutgoingRecord } from './deliver-records';
import { DeliveryProgress } from './delivery-progress';
import { outgoingRecord, recordFailure, recordLines } from './delivery-target';
import { runDelivery } from './run-delivery';

/** Replays the failed-deliveries list with the job's current rate and retry schedule. */
export async function redeliverFailed(deps: ActivityDeps, { jobId, dataset, plan }: RedeliverInput): Promise<DeliveryCounts> {
  const context = Context.current();
  const { prisma } = deps;
  const progress = new DeliveryProgress(context);
  const failures = await prisma.failedDelivery.findMany({ where: { jobId, deliveredAt: null }, orderBy: { recordIndex: 'asc' } });
  const earlierAttempts = new Map(failures.map((f) => [f.recordIndex, f.attempts]));

  // Failures come sorted by record and batches cover the records in order: one pass pairs them,
  // and only batches holding an outstanding failure are read.
  const records: OutgoingRecord[] = [];
  let next = 0;
  for (const batch of plan.batches) {
    const wanted: number[] = [];
    for (; next < failures.length && failures[next].recordIndex < batch.firstRecord + batch.count; next++) {
      if (!progress.isFinished(failures[next].recordIndex)) wanted.push(failures[next].recordIndex);
    }
    if (wanted.length === 0) continue;
    const lines = recordLines(await deps.store.readRange(plan.recordsKey, batch.start, batch.end));
    for (const recordIndex of wanted) records.push(outgoingRecord(jobId, dataset, recordIndex, lines[recordIndex - batch.firstRecord]));
    // Failures spread over many batches take longer to read than the heartbeat timeout; the checkpoint is unchanged so far.
    progress.heartbeat();
  }

  const save = async () => {
    progress.heartbeat();
    await prisma.jobDelivery.update({ where: { jobId }, data: { currentRate: progress.currentRate() } });
  };
  await prisma.jobDelivery.update({ where: { jobId }, data: { state: 'delivering', finishedAt: null } });
  const listener = {
    acknowledged: async (recordIndex: number) => {
      await prisma.failedDelivery.update({ where: { jobId_recordIndex: { jobId, recordIndex } }, data: { deliveredAt: new Date() } });
      progress.acknowledge(recordIndex);
    },
    failed: async (recordIndex: number, attempts: number, last: AttemptResult) => {
      await recordFailure(prisma, jobId, recordIndex, (earlierAttempts.get(recordIndex) ?? 0) + attempts, last);
      progress.fail(recordIndex);
    },
  };
  await runDelivery(deps, context, jobId, records, listener, save);
  return { delivered: progress.acked.size, failed: progress.failed.size };
}
