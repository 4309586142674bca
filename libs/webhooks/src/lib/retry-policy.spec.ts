import { isRetryableStatus, MAX_RETRY_AFTER_MS, nextRetryDelay, parseRetryAfter } from './retry-policy';

describe('retry policy', () => {
  it('retries only statuses that say "not now"', () => {
    expect([408, 425, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 410, 413, 422].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date, within bounds', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('walks the backoff schedule, lets Retry-After replace a step, and stops after the last', () => {
    const delays = [1000, 3000, 9000];
    expect([1, 2, 3].map((attempt) => nextRetryDelay(attempt, delays, null))).toEqual([1000, 3000, 9000]);
    expect(nextRetryDelay(1, delays, 250)).toBe(250);
    expect(nextRetryDelay(4, delays, null)).toBeNull();
    expect(nextRetryDelay(1, [], 1000)).toBeNull();
  });
});
