import { DEFAULT_RATE_LIMIT } from '@sluice/contracts';

import { parseMode, parseRateLimit, parseRetryDelays } from './delivery-settings';

describe('delivery options', () => {
  it('reads the processing mode', () => {
    expect(parseMode(undefined)).toBe('download');
    expect(parseMode(' webhook ')).toBe('webhook');
    expect(() => parseMode('email')).toThrow('mode must be "download" or "webhook", not "email"');
  });

  it('reads rate limits, unlimited included', () => {
    expect(parseRateLimit(undefined)).toBe(DEFAULT_RATE_LIMIT);
    expect(parseRateLimit('30')).toBe(30);
    expect(parseRateLimit(0.5)).toBe(0.5);
    expect(parseRateLimit('unlimited')).toBeNull();
    expect(parseRateLimit(null)).toBeNull();
    for (const bad of ['0', '-5', 'fast', 1e9, true]) expect(() => parseRateLimit(bad)).toThrow(/rateLimit must be/);
  });

  it('reads retry schedules in seconds', () => {
    expect(parseRetryDelays(undefined)).toEqual([1000, 3000, 9000]);
    expect(parseRetryDelays('0.05, 0.1')).toEqual([50, 100]);
    expect(parseRetryDelays('none')).toEqual([]);
    expect(() => parseRetryDelays('1,x')).toThrow(/retryDelays must list/);
    expect(() => parseRetryDelays('301')).toThrow(/retryDelays/);
  });
});
