import { IdentityError } from './identity-error';
import { SignInThrottle } from './sign-in-throttle';

describe('sign-in throttle', () => {
  it('refuses an address after its attempts, saying when to retry, and leaves other addresses alone', async () => {
    const throttle = new SignInThrottle(2, 60_000);
    await throttle.take('10.0.0.1');
    await throttle.take('10.0.0.1');
    const refusal = await throttle.take('10.0.0.1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(IdentityError);
    expect((refusal as IdentityError).kind).toBe('throttled');
    expect((refusal as IdentityError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refusal as IdentityError).message).toMatch(/try again in \d+ seconds/);
    await expect(throttle.take('10.0.0.2')).resolves.toBeUndefined();
  });
});
