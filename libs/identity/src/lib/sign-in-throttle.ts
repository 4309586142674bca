import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

import { IdentityError } from './identity-error';

/**
 * Password sign-in attempts per client address, so one address cannot try many accounts (the
 * per-account lockout stops many tries at one). Kept in memory: a restart forgives, which is fine
 * for a limit that only slows guessing down.
 */
export class SignInThrottle {
  private readonly limiter: RateLimiterMemory;

  constructor(attempts: number, windowMs: number) {
    this.limiter = new RateLimiterMemory({ points: attempts, duration: Math.ceil(windowMs / 1000) });
  }

  /** Counts an attempt from `ip`; throws a throttled IdentityError (429) once the address has used them up. */
  async take(ip: string): Promise<void> {
    try {
      await this.limiter.consume(ip || 'unknown');
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new IdentityError('throttled', `Too many sign-in attempts from this address: try again in ${seconds} seconds`, seconds);
    }
  }
}
