import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import express from 'express';

import { browserRequestChecks, CROSS_SITE_REFUSED, CSRF_TOKEN_REFUSED } from './browser-request-checks';
import { csrfTokens, SESSION_COOKIE, XSRF_COOKIE } from './csrf-tokens';

describe('browserRequestChecks', () => {
  let base: string;
  let close: () => void;
  let reached: number;

  beforeAll(async () => {
    const app = express();
    for (const handler of browserRequestChecks(csrfTokens(randomBytes(32)), new Set())) app.use(handler);
    app.all('/{*path}', (_request, response) => {
      reached++;
      response.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());
  beforeEach(() => (reached = 0));

  const xsrfFrom = (response: Response): string | undefined =>
    response.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith(`${XSRF_COOKIE}=`))
      ?.split(';')[0]
      .slice(XSRF_COOKIE.length + 1);
  const message = async (response: Response) => ((await response.json()) as { message: string }).message;

  it('refuses a cross-site form post before the handler, with or without cookies', async () => {
    for (const cookie of [`${SESSION_COOKIE}=s1`, '']) {
      const response = await fetch(`${base}/api/uploads`, {
        method: 'POST',
        headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: 'dataset=people',
      });
      expect(response.status).toBe(403);
      expect(await message(response)).toBe(CROSS_SITE_REFUSED);
    }
    expect(reached).toBe(0);
  });

  it('issues an XSRF-TOKEN cookie to a session, and takes it back only in the header and only for that session', async () => {
    const session = `${SESSION_COOKIE}=session-one`;
    const first = await fetch(`${base}/api/jobs`, { headers: { cookie: session } });
    const token = xsrfFrom(first);
    expect(token).toMatch(/^[0-9a-f]+\.[0-9a-f]+$/);
    expect(first.headers.getSetCookie()[0]).toMatch(/SameSite=Strict/);
    expect(first.headers.getSetCookie()[0]).not.toMatch(/HttpOnly/);

    // Once valid, it is not set again.
    expect(xsrfFrom(await fetch(`${base}/api/jobs`, { headers: { cookie: `${session}; ${XSRF_COOKIE}=${token}` } }))).toBeUndefined();

    reached = 0;
    const post = (cookie: string, header?: string) => fetch(`${base}/api/jobs/1/rerun`, { method: 'POST', headers: { cookie, ...(header ? { 'x-xsrf-token': header } : {}) } });
    const withoutHeader = await post(`${session}; ${XSRF_COOKIE}=${token}`);
    expect(withoutHeader.status).toBe(403);
    expect(await message(withoutHeader)).toBe(CSRF_TOKEN_REFUSED);
    expect((await post(`${session}; ${XSRF_COOKIE}=${token}`, 'x.y')).status).toBe(403);
    expect((await post(`${SESSION_COOKIE}=session-two; ${XSRF_COOKIE}=${token}`, token)).status).toBe(403);
    expect(reached).toBe(0);
    expect((await post(`${session}; ${XSRF_COOKIE}=${token}`, token)).status).toBe(200);
    expect(reached).toBe(1);
  });

  it('needs no token without the session cookie (an API token, the sign-in form)', async () => {
    const bearer = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { authorization: 'Bearer slu_x', 'content-type': 'application/json' }, body: '{}' });
    expect(bearer.status).toBe(200);
    expect(xsrfFrom(bearer)).toBeUndefined();
    expect((await fetch(`${base}/api/session`, { method: 'POST', headers: { origin: base, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    // A cookie riding along with a token (Swagger UI, a signed-in browser's script) does not make it forgeable.
    expect((await fetch(`${base}/api/tokens`, { method: 'POST', headers: { authorization: 'Bearer slu_x', cookie: `${SESSION_COOKIE}=s1` } })).status).toBe(200);
  });
});
