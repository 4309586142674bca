/**
 * Waits `ms`, or rejects with an AbortError as soon as `signal` aborts (the activity was cancelled or
 * timed out). On the global timers, unlike node:timers/promises, so tests can run pacing on a fake clock.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve(signal.throwIfAborted());
  const aborted = () => new DOMException('The operation was aborted', 'AbortError');
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
