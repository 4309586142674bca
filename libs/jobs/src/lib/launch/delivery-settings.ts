import { DEFAULT_RATE_LIMIT, DEFAULT_RETRY_DELAYS_MS, PROCESSING_MODES, ProcessingMode } from '@sluice/contracts';

import { invalidRequest } from '../job-request-error';

export const MAX_RATE_LIMIT = 100_000;
const MAX_RETRIES = 20;
const MAX_RETRY_DELAY_S = 300;

export function parseMode(value: string | undefined): ProcessingMode {
  const mode = value?.trim() || 'download';
  if (!(PROCESSING_MODES as readonly string[]).includes(mode)) throw invalidRequest(`mode must be ${PROCESSING_MODES.map((m) => `"${m}"`).join(' or ')}, not "${mode}"`);
  return mode as ProcessingMode;
}

/** Records per second: a positive number, or null / "unlimited" for no limit; empty means the default. */
export function parseRateLimit(value: unknown): number | null {
  if (value === undefined || value === '') return DEFAULT_RATE_LIMIT;
  if (value === null || (typeof value === 'string' && value.trim().toLowerCase() === 'unlimited')) return null;
  const rate = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE_LIMIT) {
    throw invalidRequest(`rateLimit must be a number of records per second above 0 and at most ${MAX_RATE_LIMIT}, or "unlimited"`);
  }
  return rate;
}

/** Seconds to wait before each retry, comma-separated ("1,3,9"); "none" sends each record once. */
export function parseRetryDelays(value: string | undefined): number[] {
  const text = value?.trim();
  if (!text) return [...DEFAULT_RETRY_DELAYS_MS];
  if (text.toLowerCase() === 'none') return [];
  const seconds = text.split(',').map((part) => Number(part.trim()));
  if (seconds.length > MAX_RETRIES || seconds.some((s) => !Number.isFinite(s) || s < 0 || s > MAX_RETRY_DELAY_S)) {
    throw invalidRequest(`retryDelays must list at most ${MAX_RETRIES} waits in seconds between 0 and ${MAX_RETRY_DELAY_S}, e.g. "1,3,9", or "none"`);
  }
  return seconds.map((s) => Math.round(s * 1000));
}
