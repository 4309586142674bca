import { z } from 'zod';

import { fromRanges, toRanges } from './index-ranges';

const indexRuns = z.array(z.tuple([z.number().int(), z.number().int()]));

/** What a delivery activity heartbeats: records already acknowledged or recorded as failed. */
export const deliveryCheckpointSchema = z.object({ acked: indexRuns, failed: indexRuns });
export type DeliveryCheckpoint = z.infer<typeof deliveryCheckpointSchema>;

/** Where a delivery attempt reports its checkpoint, and the last one an earlier attempt reported (Temporal heartbeats, in the worker). */
export interface CheckpointChannel {
  /** The previous attempt's last checkpoint, as heartbeated (unchecked). */
  resumeFrom?: unknown;
  heartbeat(checkpoint: DeliveryCheckpoint): void;
}

const RATE_WINDOW_MS = 5000;

/**
 * The records one delivery activity has finished with. It starts from what earlier attempts stored
 * and their last heartbeat, so a retried batch skips what the receiver already acknowledged.
 */
export class DeliveryProgress {
  readonly acked: Set<number>;
  readonly failed: Set<number>;
  private readonly ackTimes: number[] = [];
  private readonly startedAt = Date.now();

  constructor(
    private readonly channel: CheckpointChannel,
    storedAcks: Iterable<number> = [],
  ) {
    const checkpoint = deliveryCheckpointSchema.optional().parse(channel.resumeFrom);
    this.acked = fromRanges(checkpoint?.acked);
    for (const recordIndex of storedAcks) this.acked.add(recordIndex);
    this.failed = fromRanges(checkpoint?.failed);
  }

  isFinished(recordIndex: number): boolean {
    return this.acked.has(recordIndex) || this.failed.has(recordIndex);
  }

  acknowledge(recordIndex: number): void {
    this.acked.add(recordIndex);
    this.ackTimes.push(Date.now());
  }

  fail(recordIndex: number): void {
    this.failed.add(recordIndex);
  }

  /** Acknowledged records per second over the last few seconds of this activity. */
  currentRate(): number {
    const now = Date.now();
    while (this.ackTimes.length && this.ackTimes[0] < now - RATE_WINDOW_MS) this.ackTimes.shift();
    const window = Math.min(Math.max(now - this.startedAt, 1000), RATE_WINDOW_MS);
    return Math.round((this.ackTimes.length * 1000 * 10) / window) / 10;
  }

  heartbeat(): void {
    this.channel.heartbeat({ acked: toRanges(this.acked), failed: toRanges(this.failed) });
  }
}

/** Runs `work`, calling `tick` every second meanwhile (heartbeats and progress writes) and once more at the end. */
export async function withTicks<T>(work: () => Promise<T>, tick: () => Promise<void>): Promise<T> {
  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ticking.then(tick).catch(() => undefined);
  }, 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await ticking;
    await tick();
  }
}
