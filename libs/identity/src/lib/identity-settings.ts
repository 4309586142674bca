import { DEFAULT_LOCKOUT, type LockoutPolicy } from './lockout';

/** What the identity use cases are configured with; the apps read it from their environment. */
export interface IdentitySettings {
  /** Where the admin is served, for sign-in links: `<publicUrl>/sign-in#link=<secret>`. */
  publicUrl: string;
  /** A session ends after this long unused. */
  sessionIdleMs: number;
  signInLinkMs: number;
  lockout: LockoutPolicy;
  /** Password sign-in attempts one IP address may make per window before 429s. */
  signInAttemptsPerIp: number;
  signInWindowMs: number;
  now: () => Date;
}

export const DAY_MS = 24 * 60 * 60_000;

export function identitySettings(overrides: Partial<IdentitySettings> = {}): IdentitySettings {
  return {
    publicUrl: 'http://127.0.0.1:3000',
    sessionIdleMs: 7 * DAY_MS,
    signInLinkMs: DAY_MS,
    lockout: DEFAULT_LOCKOUT,
    signInAttemptsPerIp: 30,
    signInWindowMs: 15 * 60_000,
    now: () => new Date(),
    ...overrides,
  };
}

/** The link a person opens: the secret rides in the fragment, so it never reaches a server log. */
export function signInLinkUrl(publicUrl: string, secret: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/sign-in#link=${secret}`;
}
