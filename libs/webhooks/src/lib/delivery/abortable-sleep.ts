import { setTimeout as wait } from 'node:timers/promises';

/** Waits `ms`, or rejects as soon as `signal` aborts (the activity was cancelled or timed out). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return ms > 0 ? wait(ms, undefined, { signal }) : Promise.resolve(signal.throwIfAborted());
}
