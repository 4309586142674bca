/** Longest wait a receiver's Retry-After may impose on one record. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Statuses worth another attempt: the receiver is busy or broken for now, not refusing the record. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Milliseconds asked for by a Retry-After header (delta-seconds or HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * The wait before attempt `attempt + 1`, or null when `attempt` was the last one. A receiver's
 * Retry-After replaces the backoff step.
 */
export function nextRetryDelay(attempt: number, delaysMs: readonly number[], retryAfterMs: number | null): number | null {
  if (attempt > delaysMs.length) return null;
  return retryAfterMs ?? delaysMs[attempt - 1];
}
