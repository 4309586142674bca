import { abortableSleep } from './abortable-sleep';
import type { SendScheduleStore } from './delivery-store';

/** Paces sends for one job; every sender of the job shares it. */
export interface RateGate {
  /** Resolves when the caller may start its next send. */
  take(signal: AbortSignal): Promise<void>;
}

// Slots are reserved about this far ahead, so a limit change applies within this time.
const RESERVE_AHEAD_MS = 100;
// How often an unlimited job re-reads its limit.
const UNLIMITED_RECHECK_MS = 1000;

/**
 * A token bucket shared through the database, in its GCRA form: the job's row holds the "theoretical
 * arrival time" before which no further record may start. A reservation of n slots advances it by
 * n / rate in one atomic step, so the limit holds across activity attempts, batches and workers.
 * Time is the database's clock, so workers with skewed clocks still agree.
 */
export class SharedRateGate implements RateGate {
  private slots: number[] = [];
  private offsetMs = 0;
  private reserving?: Promise<void>;
  private unlimitedUntil = 0;
  private lastRate: number | null = 1;
  // Local time before which no new slots are reserved: however many senders wait, the schedule
  // never runs more than RESERVE_AHEAD_MS past the present, so a new limit applies at once.
  private nextReserveAt = 0;

  constructor(
    private readonly schedule: SendScheduleStore,
    private readonly jobId: string,
  ) {}

  async take(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const slot = this.slots.shift();
      if (slot !== undefined) return abortableSleep(slot - this.offsetMs - Date.now(), signal);
      if (Date.now() < this.unlimitedUntil) return;
      const early = this.nextReserveAt - Date.now();
      if (early > 0) {
        await abortableSleep(early, signal);
        continue;
      }
      await (this.reserving ??= this.reserve().finally(() => (this.reserving = undefined)));
    }
  }

  private async reserve(): Promise<void> {
    const count = this.lastRate === null ? 1 : Math.min(Math.max(1, Math.floor((this.lastRate * RESERVE_AHEAD_MS) / 1000)), 1000);
    const row = await this.schedule.reserveSendSlots(this.jobId, count);
    if (!row) throw new Error(`Job ${this.jobId} has no delivery settings`);
    this.offsetMs = row.now - Date.now();
    this.lastRate = row.rate;
    if (this.lastRate === null) {
      this.unlimitedUntil = Date.now() + UNLIMITED_RECHECK_MS;
      return;
    }
    const interval = 1000 / this.lastRate;
    const first = row.tat - count * interval;
    for (let i = 0; i < count; i++) this.slots.push(first + i * interval);
    this.nextReserveAt = row.tat - this.offsetMs - RESERVE_AHEAD_MS;
  }
}
