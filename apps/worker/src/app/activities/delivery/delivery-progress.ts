import type { Context } from '@temporalio/activity';

import { fromRanges, toRanges } from './index-ranges';

/** What a delivery activity heartbeats: records already acknowledged or recorded as failed. */
export interface DeliveryCheckpoint {
  acked: [number, number][];
  failed: [number, number][];
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
    private readonly context: Context,
    storedAcks: Iterable<number> = [],
  ) {
    const checkpoint = context.info.heartbeatDetails as DeliveryCheckpoint | undefined;
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
    this.context.heartbeat({ acked: toRanges(this.acked), failed: toRanges(this.failed) } satisfies DeliveryCheckpoint);
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
