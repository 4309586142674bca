import type { AckCheckpointStore } from './delivery-store';
import { IndexRanges } from './index-ranges';

/**
 * One batch's acknowledged records as stored with the batch. A delivery stores each
 * acknowledgement before it frees the request's slot, so after a crash at most the requests in
 * flight are sent again. Writes are grouped: one at a time, and the acknowledgements that arrive
 * while it runs share the next, so the receiver's pace, not database round trips, sets the rate.
 */
export class AckCheckpoint {
  private written: Promise<void> = Promise.resolve();
  private next: Promise<void> | null = null;

  private constructor(
    private readonly store: AckCheckpointStore,
    private readonly batch: { jobId: string; index: number },
    /** What this and earlier attempts acknowledged. */
    readonly acked: IndexRanges,
  ) {}

  /** The batch's checkpoint, creating its row on the first attempt. */
  static async open(store: AckCheckpointStore, jobId: string, index: number): Promise<AckCheckpoint> {
    return new AckCheckpoint(store, { jobId, index }, new IndexRanges(await store.openAckCheckpoint(jobId, index)));
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
    await this.store.saveAcked(this.batch.jobId, this.batch.index, acked);
  }
}
