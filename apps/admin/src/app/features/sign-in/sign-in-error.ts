import { HttpErrorResponse } from '@angular/common/http';

import { describeHttpError } from '../../core/jobs-api.service';

/**
 * The API's words for a refused sign-in, plus when to try again if the answer says so but the words do not:
 * a lockout's `lockedUntil` or a throttled request's Retry-After.
 */
export function describeSignInError(error: unknown, now = new Date()): string {
  const message = describeHttpError(error);
  if (!(error instanceof HttpErrorResponse) || /try again/i.test(message)) return message;
  const lockedUntil = (error.error as { lockedUntil?: unknown } | null)?.lockedUntil;
  if (typeof lockedUntil === 'string' && !Number.isNaN(Date.parse(lockedUntil))) return `${message}. Try again ${retryIn(Date.parse(lockedUntil) - now.getTime())}.`;
  const retryAfter = error.headers?.get('Retry-After');
  if (error.status === 429 && retryAfter) {
    const seconds = /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - now.getTime();
    if (!Number.isNaN(seconds)) return `${message}. Try again ${retryIn(seconds)}.`;
  }
  return message;
}

function retryIn(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}
