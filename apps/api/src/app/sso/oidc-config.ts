import { createHash, randomBytes } from 'node:crypto';

/** Single sign-on through an OpenID Connect provider, from OIDC_* env; null when OIDC_ISSUER is not set. */
export interface OidcConfig {
  issuer: URL;
  clientId: string;
  /** Null for a public client: then only PKCE protects the code. */
  clientSecret: string | null;
  /** The sign-in button's text (OIDC_LABEL). */
  label: string;
  scopes: string;
  /** `<PUBLIC_URL>/api/auth/oidc/callback`, registered at the provider. */
  redirectUri: string;
  /** Plain http only for an issuer on this machine (a test or a local provider). */
  allowInsecureIssuer: boolean;
  /** Seals the sign-in-in-progress cookie; from OIDC_COOKIE_SECRET, else random per process. */
  cookieKey: Buffer;
}

export const OIDC_CONFIG = Symbol('OidcConfig');

export const START_PATH = '/api/auth/oidc/start';
export const CALLBACK_PATH = '/api/auth/oidc/callback';

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Names the variable that is wrong, so a misconfiguration stops the API at start instead of at the first sign-in. */
export class OidcConfigError extends Error {
  override readonly name = 'OidcConfigError';
}

export function oidcConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OidcConfig | null {
  const issuerText = env['OIDC_ISSUER']?.trim();
  if (!issuerText) return null;
  const issuer = parseUrl(issuerText, 'OIDC_ISSUER');
  const allowInsecureIssuer = issuer.protocol === 'http:' && LOOPBACK_HOSTS.test(issuer.hostname);
  if (issuer.protocol !== 'https:' && !allowInsecureIssuer) throw new OidcConfigError('OIDC_ISSUER must be an https URL (plain http only on loopback)');
  const clientId = env['OIDC_CLIENT_ID']?.trim();
  if (!clientId) throw new OidcConfigError('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  const publicUrl = parseUrl(env['PUBLIC_URL']?.trim() || 'http://127.0.0.1:3000', 'PUBLIC_URL');
  const scopes = env['OIDC_SCOPES']?.trim().split(/\s+/).join(' ') || 'openid email profile';
  if (!scopes.split(' ').includes('openid')) throw new OidcConfigError('OIDC_SCOPES must include openid');
  const cookieSecret = env['OIDC_COOKIE_SECRET'];
  if (cookieSecret !== undefined && cookieSecret.length < 32) throw new OidcConfigError('OIDC_COOKIE_SECRET must be at least 32 characters');
  return {
    issuer,
    clientId,
    clientSecret: env['OIDC_CLIENT_SECRET'] || null,
    label: env['OIDC_LABEL']?.trim() || 'Single sign-on',
    scopes,
    redirectUri: `${publicUrl.origin}${publicUrl.pathname.replace(/\/+$/, '')}${CALLBACK_PATH}`,
    allowInsecureIssuer,
    // A random key is enough for one API process; several behind a load balancer must share OIDC_COOKIE_SECRET.
    cookieKey: cookieSecret ? createHash('sha256').update(`sluice oidc cookie\0${cookieSecret}`).digest() : randomBytes(32),
  };
}

function parseUrl(text: string, name: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new OidcConfigError(`${name} is not a URL: ${text}`);
  }
}
