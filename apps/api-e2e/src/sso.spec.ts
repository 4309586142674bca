import { createServer } from 'node:net';

import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request, Response } from 'express';

import { SSO_SESSION_STARTER, type SsoClaims, type SsoSessionStarter, SsoSignInRefusedError } from '../../api/src/app/session/sso-session-starter';
import type { PendingSignIn } from '../../api/src/app/sso/oidc-client.service';
import { OIDC_CONFIG, oidcConfigFromEnv } from '../../api/src/app/sso/oidc-config';
import { SealedCookie } from '../../api/src/app/sso/sealed-cookie';
import { SSO_MESSAGES } from '../../api/src/app/sso/sso-failure';
import { AppModule } from '../../api/src/app/app.module';
import { configureApp } from '../../api/src/infra/http/configure-app';
import { BrowserSession } from './support/browser-session';
import { OidcProviderProcess, type TestAccount } from './support/oidc-provider';

const ADA: TestAccount = { id: 'ada', email: 'ada@example.test', emailVerified: true, name: 'Ada Lovelace', password: 'analytical-engine' };
const GRACE: TestAccount = { id: 'grace', email: 'grace@example.test', emailVerified: false, name: 'Grace Hopper', password: 'cobol-1959' };
const CLIENT_ID = 'sluice-admin';
const CLIENT_SECRET = 'test-client-secret-that-is-long-enough';
/** Known to the test, so it can open and reseal the pending cookie as only the server could. */
const COOKIE_SECRET = 'test-cookie-secret-known-to-the-test-only';
const UNVERIFIED_MESSAGE = 'Your email address is not verified by the identity provider';

/** Stands in for the identity module: records what single sign-on hands over and "starts a session" with a cookie. */
class RecordingSessionStarter implements SsoSessionStarter {
  readonly received: SsoClaims[] = [];

  async signInWithSso(claims: SsoClaims, _request: Request, response: Response): Promise<void> {
    this.received.push(claims);
    if (!claims.emailVerified) throw new SsoSignInRefusedError(UNVERIFIED_MESSAGE);
    response.cookie('sluice_session', `session-of-${claims.subject}`, { httpOnly: true, sameSite: 'lax', path: '/' });
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The whole API with OIDC_* from `env`, and a session starter that records what single sign-on hands the
 * identity side (identity.spec covers the real one's account rules).
 */
async function startApi(env: NodeJS.ProcessEnv, starter: SsoSessionStarter, port = 0): Promise<{ app: INestApplication; baseUrl: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(OIDC_CONFIG)
    .useValue(oidcConfigFromEnv(env))
    .overrideProvider(SSO_SESSION_STARTER)
    .useValue(starter)
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  await app.listen(port, '127.0.0.1');
  return { app, baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
}

function signInError(response: globalThis.Response): string | null {
  const location = response.headers.get('location') ?? '';
  return location.startsWith('/sign-in?') ? new URL(location, 'http://x').searchParams.get('error') : null;
}

describe('single sign-on through a real OpenID Connect provider', () => {
  let provider: OidcProviderProcess;
  let api: INestApplication;
  let apiUrl: string;
  let serverSeal: SealedCookie<PendingSignIn>;
  const starter = new RecordingSessionStarter();
  const isCallback = (url: URL) => url.origin === apiUrl && url.pathname === '/api/auth/oidc/callback';

  beforeAll(async () => {
    const port = await freeLoopbackPort();
    apiUrl = `http://127.0.0.1:${port}`;
    provider = await OidcProviderProcess.start({
      clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${apiUrl}/api/auth/oidc/callback`] }],
      accounts: [ADA, GRACE],
    });
    const env = { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, PUBLIC_URL: apiUrl, OIDC_COOKIE_SECRET: COOKIE_SECRET };
    serverSeal = new SealedCookie<PendingSignIn>('sluice_oidc', oidcConfigFromEnv(env)?.cookieKey ?? Buffer.alloc(0), 60_000);
    ({ app: api } = await startApi(env, starter, port));
  });

  afterAll(async () => {
    await api?.close();
    await provider?.stop();
  });

  beforeEach(() => starter.received.splice(0));

  /** From start to the provider's login form; then the form posted, up to (not into) the callback. */
  async function signInAtProvider(browser: BrowserSession, account: TestAccount | 'cancel', next = '/jobs'): Promise<URL> {
    const loginPage = await browser.follow(`${apiUrl}/api/auth/oidc/start?next=${encodeURIComponent(next)}`);
    expect(loginPage.response.status).toBe(200);
    expect(loginPage.url.origin).toBe(provider.issuer);
    const { url } =
      account === 'cancel'
        ? await browser.follow(`${loginPage.url.href}/abort`, { form: {}, until: isCallback })
        : await browser.follow(`${loginPage.url.href}/login`, { form: { email: account.email, password: account.password }, until: isCallback });
    expect(isCallback(url)).toBe(true);
    return url;
  }

  it('signs in through the whole code flow and hands the verified claims to the identity side', async () => {
    const browser = new BrowserSession();
    const start = await browser.request(`${apiUrl}/api/auth/oidc/start?next=${encodeURIComponent('/jobs/42?tab=rows')}`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${apiUrl}/api/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    for (const parameter of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(parameter)).toMatch(/^[\w-]{22,}$/);
    const pendingCookie = start.headers.getSetCookie().find((cookie) => cookie.startsWith('sluice_oidc='));
    expect(pendingCookie).toMatch(/; Path=\/api\/auth\/oidc;.*HttpOnly; SameSite=Lax$/);
    // Sealed: neither the state nor the verifier can be read from it.
    expect(pendingCookie).not.toContain(authorize.searchParams.get('state'));

    const loginPage = await browser.follow(authorize.href);
    expect(await loginPage.response.text()).toContain('<form method="post"');
    const { url: callback } = await browser.follow(`${loginPage.url.href}/login`, { form: { email: ADA.email, password: ADA.password }, until: isCallback });
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);

    const answer = await browser.request(callback.href);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/jobs/42?tab=rows');
    expect(starter.received).toEqual([{ issuer: provider.issuer, subject: 'ada', email: ADA.email, emailVerified: true, name: ADA.name }]);
    expect(browser.cookie(apiUrl, 'sluice_session')).toBe('session-of-ada');
    // The pending sign-in is used up.
    expect(browser.cookie(apiUrl, 'sluice_oidc')).toBeUndefined();
  });

  it('refuses a replayed callback, with or without the pending cookie, and starts no second session', async () => {
    const browser = new BrowserSession();
    const callback = await signInAtProvider(browser, ADA);
    const pendingCookie = browser.cookieHeader(apiUrl);
    expect((await browser.request(callback.href)).headers.get('location')).toBe('/jobs');

    const replayed = await browser.request(callback.href);
    expect(replayed.status).toBe(302);
    expect(signInError(replayed)).toBe(SSO_MESSAGES.expired);
    // An attacker who also captured the cookie: the provider takes each code once.
    const replayedWithCookie = await new BrowserSession().request(callback.href, { cookies: pendingCookie });
    expect(signInError(replayedWithCookie)).toBe(SSO_MESSAGES.unverified);
    expect(starter.received).toHaveLength(1);
  });

  it('refuses a callback whose state was changed, or whose pending cookie was forged', async () => {
    const browser = new BrowserSession();
    const callback = await signInAtProvider(browser, ADA);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const pendingCookie = browser.cookieHeader(apiUrl);
    expect(signInError(await browser.request(tampered.href))).toBe(SSO_MESSAGES.unverified);

    const forged = pendingCookie.replace(/sluice_oidc=([\w-]+)/, (_all, value: string) => `sluice_oidc=${value.slice(0, -4)}AAAA`);
    expect(signInError(await new BrowserSession().request(callback.href, { cookies: forged }))).toBe(SSO_MESSAGES.expired);
    expect(signInError(await new BrowserSession().request(callback.href))).toBe(SSO_MESSAGES.expired);
    expect(starter.received).toEqual([]);
  });

  it('checks the ID token against the nonce it sent, and the code against the PKCE verifier', async () => {
    const browser = new BrowserSession();
    const callback = await signInAtProvider(browser, ADA);
    const pending = serverSeal.open(browser.cookie(apiUrl, 'sluice_oidc'));
    expect(pending).toMatchObject({ next: '/jobs' });
    const resealed = (changes: Partial<PendingSignIn>) => `sluice_oidc=${serverSeal.seal({ ...(pending as PendingSignIn), ...changes })}`;
    // Same state, so only the ID token's nonce check (or the provider's PKCE check) can refuse it.
    expect(signInError(await new BrowserSession().request(callback.href, { cookies: resealed({ nonce: 'another-nonce' }) }))).toBe(SSO_MESSAGES.unverified);
    expect(starter.received).toEqual([]);

    const second = new BrowserSession();
    const secondCallback = await signInAtProvider(second, ADA);
    const secondPending = serverSeal.open(second.cookie(apiUrl, 'sluice_oidc')) as PendingSignIn;
    const wrongVerifier = `sluice_oidc=${serverSeal.seal({ ...secondPending, codeVerifier: `${secondPending.codeVerifier.slice(0, -1)}x` })}`;
    expect(signInError(await new BrowserSession().request(secondCallback.href, { cookies: wrongVerifier }))).toBe(SSO_MESSAGES.unverified);
    expect(starter.received).toEqual([]);
  });

  it('takes the provider refusing (error=access_denied) back to the sign-in page', async () => {
    const browser = new BrowserSession();
    const callback = await signInAtProvider(browser, 'cancel');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const answer = await browser.request(callback.href);
    expect(answer.status).toBe(302);
    expect(signInError(answer)).toBe(SSO_MESSAGES.cancelled);
    expect(await answer.text()).not.toMatch(/at \w+ \(|node_modules/);
    expect(starter.received).toEqual([]);
  });

  it('passes an email the provider has not verified as emailVerified false, and shows the refusal', async () => {
    const browser = new BrowserSession();
    const answer = await browser.request((await signInAtProvider(browser, GRACE)).href);
    expect(starter.received).toEqual([{ issuer: provider.issuer, subject: 'grace', email: GRACE.email, emailVerified: false, name: GRACE.name }]);
    expect(signInError(answer)).toBe(UNVERIFIED_MESSAGE);
    expect(browser.cookie(apiUrl, 'sluice_session')).toBeUndefined();
  });

  it('goes to / after sign-in when next is not a path of the app', async () => {
    const browser = new BrowserSession();
    const answer = await browser.request((await signInAtProvider(browser, ADA, '//evil.example/jobs')).href);
    expect(answer.headers.get('location')).toBe('/');
  });
});

describe('single sign-on when it cannot run', () => {
  it('answers 404 on both routes when OIDC is not configured', async () => {
    const { app, baseUrl } = await startApi({}, new RecordingSessionStarter());
    try {
      for (const route of ['start', 'callback?code=x&state=y']) {
        const response = await fetch(`${baseUrl}/api/auth/oidc/${route}`, { redirect: 'manual' });
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ statusCode: 404, message: 'Single sign-on is not configured' });
      }
    } finally {
      await app.close();
    }
  });

  it('takes the person back to the sign-in page when the provider is down', async () => {
    const deadIssuer = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const { app, baseUrl } = await startApi({ OIDC_ISSUER: deadIssuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET }, new RecordingSessionStarter());
    try {
      const response = await fetch(`${baseUrl}/api/auth/oidc/start`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(signInError(response)).toBe(SSO_MESSAGES.unreachable);
    } finally {
      await app.close();
    }
  });
});
