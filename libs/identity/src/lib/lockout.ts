/** How many wrong passwords in a row lock an account, and for how long. */
export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

/** Whether the account is locked at `now`. */
export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** The lock to set after the `failures`th wrong password in a row, or null when it is not yet time to lock. */
export function lockAfterFailure(failures: number, now: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT): Date | null {
  return failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
}

/** The sentence for a locked account: when it may try again, as a UTC time and in minutes. */
export function lockedMessage(lockedUntil: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return `Too many wrong passwords for this account: sign-in is locked until ${lockedUntil.toISOString()} (in ${minutes} minute${minutes === 1 ? '' : 's'}). Use a sign-in link from a workspace owner to get in sooner.`;
}

/** Seconds until the lock ends (at least 1), for Retry-After. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
