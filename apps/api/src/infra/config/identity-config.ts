import { positiveNumberFromEnv } from '@sluice/core';

/** Sign-in settings the API reads from its environment. */
export interface IdentityConfig {
  /** PUBLIC_URL: where people open the admin; sign-in links point there. */
  publicUrl: string;
  /** SLUICE_OWNER_EMAIL: the first owner, created on the first start with an empty database. */
  ownerEmail: string;
  /** OIDC_ALLOW_SIGN_UP=true: single sign-on creates an account (with its own workspace) for people nobody added. */
  allowSsoSignUp: boolean;
  /** SIGN_IN_ATTEMPTS_PER_IP: password sign-ins one address may try per 15 minutes before 429s. */
  signInAttemptsPerIp: number;
}

export function identityConfigFromEnv(env: NodeJS.ProcessEnv): IdentityConfig {
  return {
    publicUrl: (env['PUBLIC_URL'] ?? 'http://127.0.0.1:3000').replace(/\/+$/, ''),
    ownerEmail: (env['SLUICE_OWNER_EMAIL'] ?? 'owner@localhost').trim().toLowerCase(),
    allowSsoSignUp: env['OIDC_ALLOW_SIGN_UP'] === 'true',
    signInAttemptsPerIp: positiveNumberFromEnv(env, 'SIGN_IN_ATTEMPTS_PER_IP', 30),
  };
}
