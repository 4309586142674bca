import type { DeliveryBatchPlan, DeliveryPlan } from '@sluice/contracts';
import { recordsKey } from '@sluice/storage';

import type { ActivityDeps } from '../activity-deps';

/** Records per delivery activity; large jobs get larger batches so the workflow history stays short. */
export function batchSizeFor(total: number, minimum = 1000, maxBatches = 1000): number {
  return Math.max(minimum, Math.ceil(total / maxBatches));
}

/** Cuts newline-delimited records into batches of `size` lines by byte offset, reading the bytes once. */
export async function planBatches(chunks: AsyncIterable<Buffer>, size: number): Promise<{ total: number; batches: DeliveryBatchPlan[] }> {
  const batches: DeliveryBatchPlan[] = [];
  let offset = 0;
  let total = 0;
  let batchStart = 0;
  let lastByte = 0x0a;
  for await (const chunk of chunks) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
      total += 1;
      if (total % size === 0) {
        batches.push({ index: batches.length, firstRecord: total - size, count: size, start: batchStart, end: offset + at });
        batchStart = offset + at + 1;
      }
    }
    offset += chunk.length;
    if (chunk.length) lastByte = chunk[chunk.length - 1];
  }
  if (lastByte !== 0x0a) total += 1;
  const rest = total % size;
  if (rest > 0) batches.push({ index: batches.length, firstRecord: total - rest, count: rest, start: batchStart, end: offset - 1 });
  return { total, batches };
}

export async function planDeliveries(deps: ActivityDeps, { jobId }: { jobId: string }): Promise<DeliveryPlan> {
  const key = recordsKey(jobId);
  const job = await deps.prisma.job.findUniqueOrThrow({ where: { id: jobId }, select: { mergeStats: true } });
  // The merge already counted the records, so the batch size is known before the file is read.
  const expected = (job.mergeStats as { rowsOut?: number } | null)?.rowsOut ?? 0;
  const { total, batches } = await planBatches(await deps.store.read(key), batchSizeFor(expected));
  await deps.prisma.jobDelivery.update({ where: { jobId }, data: { total, state: 'delivering', startedAt: new Date() } });
  return { recordsKey: key, total, batches };
}
