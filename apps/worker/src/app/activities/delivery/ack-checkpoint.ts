import type { PrismaClient } from '@sluice/db';

import { IndexRanges } from './index-ranges';

/**
 * One batch's acknowledged records as stored in its DeliveryBatch row. A delivery stores each
 * acknowledgement before it frees the request's slot, so after a crash at most the requests in
 * flight are sent again. Writes are grouped: one at a time, and the acknowledgements that arrive
 * while it runs share the next, so the receiver's pace, not Postgres round trips, sets the rate.
 */
export class AckCheckpoint {
  private written: Promise<void> = Promise.resolve();
  private next: Promise<void> | null = null;

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly batch: { jobId: string; index: number },
    /** What this and earlier attempts acknowledged. */
    readonly acked: IndexRanges,
  ) {}

  /** The batch's checkpoint, creating its row on the first attempt. */
  static async open(prisma: PrismaClient, jobId: string, index: number): Promise<AckCheckpoint> {
    const row = await prisma.deliveryBatch.upsert({ where: { jobId_index: { jobId, index } }, create: { jobId, index }, update: {}, select: { acked: true } });
    return new AckCheckpoint(prisma, { jobId, index }, new IndexRanges(row.acked as [number, number][]));
  }

  /** Resolves once the acknowledgement of `recordIndex` is stored. */
  save(recordIndex: number): Promise<void> {
    this.acked.add(recordIndex);
    this.next ??= this.written
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return (this.written = this.write());
      });
    return this.next;
  }

  private async write(): Promise<void> {
    // Taken before the first await: what this write stores is fixed when it starts.
    const acked = this.acked.toJSON();
    await this.prisma.deliveryBatch.update({ where: { jobId_index: this.batch }, data: { acked }, select: { index: true } });
  }
}
