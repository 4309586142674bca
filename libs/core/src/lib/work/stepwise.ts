import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long synchronous work written as a generator that yields between small steps, so that one caller can run it to
 * the end at once (an HTTP preview) and another in slices that leave the event loop free (a worker that must keep
 * heartbeating and serving other jobs).
 */
export type Stepwise<T> = Generator<void, T, void>;

export function runToEnd<T>(work: Stepwise<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Runs `work`, giving the event loop a turn whenever a slice of `sliceMs` has passed. */
export async function runInSlices<T>(work: Stepwise<T>, sliceMs = 20): Promise<T> {
  let sliceStarted = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStarted >= sliceMs) {
      await nextTurn();
      sliceStarted = performance.now();
    }
  }
}
