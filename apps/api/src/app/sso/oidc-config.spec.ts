import { oidcConfigFromEnv } from './oidc-config';

const BASE = { OIDC_ISSUER: 'https://login.example.com/tenant', OIDC_CLIENT_ID: 'sluice', OIDC_CLIENT_SECRET: 'secret' };

describe('oidcConfigFromEnv', () => {
  it('is off without OIDC_ISSUER', () => {
    expect(oidcConfigFromEnv({})).toBeNull();
    expect(oidcConfigFromEnv({ OIDC_ISSUER: ' ', OIDC_CLIENT_ID: 'x' })).toBeNull();
  });

  it('takes the defaults: label, scopes, and the callback under PUBLIC_URL', () => {
    expect(oidcConfigFromEnv(BASE)).toMatchObject({
      clientId: 'sluice',
      clientSecret: 'secret',
      label: 'Single sign-on',
      scopes: 'openid email profile',
      redirectUri: 'http://127.0.0.1:3000/api/auth/oidc/callback',
      allowInsecureIssuer: false,
    });
    const config = oidcConfigFromEnv({ ...BASE, OIDC_LABEL: 'Sign in with Acme', OIDC_SCOPES: ' openid  email ', PUBLIC_URL: 'https://sluice.acme.test/' });
    expect(config).toMatchObject({ label: 'Sign in with Acme', scopes: 'openid email', redirectUri: 'https://sluice.acme.test/api/auth/oidc/callback' });
  });

  it('allows plain http only for an issuer on loopback', () => {
    expect(oidcConfigFromEnv({ ...BASE, OIDC_ISSUER: 'http://127.0.0.1:4000' })?.allowInsecureIssuer).toBe(true);
    expect(oidcConfigFromEnv({ ...BASE, OIDC_ISSUER: 'http://localhost:4000' })?.allowInsecureIssuer).toBe(true);
    expect(() => oidcConfigFromEnv({ ...BASE, OIDC_ISSUER: 'http://login.example.com' })).toThrow('OIDC_ISSUER must be an https URL');
  });

  it('names what is wrong', () => {
    expect(() => oidcConfigFromEnv({ OIDC_ISSUER: 'https://login.example.com' })).toThrow('OIDC_CLIENT_ID is required');
    expect(() => oidcConfigFromEnv({ ...BASE, OIDC_ISSUER: 'not a url' })).toThrow('OIDC_ISSUER is not a URL');
    expect(() => oidcConfigFromEnv({ ...BASE, OIDC_SCOPES: 'email profile' })).toThrow('OIDC_SCOPES must include openid');
    expect(() => oidcConfigFromEnv({ ...BASE, OIDC_COOKIE_SECRET: 'short' })).toThrow('at least 32 characters');
  });

  it('seals the pending cookie with a key from OIDC_COOKIE_SECRET, shared by every API process, or else a random one', () => {
    const secret = { ...BASE, OIDC_COOKIE_SECRET: 'x'.repeat(32) };
    expect(oidcConfigFromEnv(secret)?.cookieKey).toEqual(oidcConfigFromEnv(secret)?.cookieKey);
    expect(oidcConfigFromEnv(BASE)?.cookieKey).not.toEqual(oidcConfigFromEnv(BASE)?.cookieKey);
    expect(oidcConfigFromEnv(BASE)?.cookieKey).toHaveLength(32);
  });
});
