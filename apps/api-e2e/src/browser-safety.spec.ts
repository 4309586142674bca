import type { Browser } from 'playwright-core';

import { ADMIN_DIST, assertAdminBuilt, openAdminBrowser } from './support/admin-browser';
import { isUnsafe, type OpenApiOperation, openApiOperations } from './support/openapi-operations';
import { SluiceApp, startSluice } from './support/sluice-app';

const EVIL = 'http://evil.example';
const SESSION = 'sluice_session=a-session-secret';
const someId = () => '00000000-0000-4000-8000-0000000000aa';

describe('browser safety: headers, CORS and CSRF on every route', () => {
  let app: SluiceApp;
  let operations: OpenApiOperation[];
  let browser: Browser | undefined;

  beforeAll(async () => {
    assertAdminBuilt();
    app = await startSluice({ ADMIN_DIST });
    operations = await openApiOperations(app.baseUrl, (param) => (param === 'version' ? '1' : someId()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const message = async (response: Response) => ((await response.json()) as { message: string }).message;

  it('sends the security headers on the admin, the API, the docs and health, and no X-Powered-By', async () => {
    for (const path of ['/', '/jobs/x', '/api/jobs', '/api/nothing-here', '/docs', '/docs-json', '/health']) {
      const { headers } = await fetch(`${app.baseUrl}${path}`);
      const csp = headers.get('content-security-policy') ?? '';
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("script-src 'self'") });
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      // Plain http: HSTS would be ignored at best.
      expect(headers.get('strict-transport-security')).toBeNull();
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('serves an admin whose index needs no inline script or event handler (the CSP would block them)', async () => {
    const html = await (await fetch(app.baseUrl)).text();
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
  });

  it('keeps CORS closed: a preflight or a read from another origin gets no Access-Control-Allow-Origin', async () => {
    const preflight = await fetch(`${app.baseUrl}/api/uploads`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-xsrf-token' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await fetch(`${app.baseUrl}/api/jobs`, { headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', cookie: SESSION } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a cross-site form post to every unsafe operation of the OpenAPI document before its handler, with and without cookies', async () => {
    const unsafe = operations.filter(isUnsafe);
    expect(unsafe.length).toBeGreaterThan(15);
    const jobsBefore = await app.db.jobCount();
    const auditBefore = await app.db.rowCount('AuditEvent');
    const form = () => {
      const body = new FormData();
      body.append('dataset', 'sensor_readings');
      body.append('files', new Blob(['sensor_id,timestamp,value\nb-1,2026-11-20T08:00:00Z,1\n']), 'evil.csv');
      return body;
    };
    const refusals: string[] = [];
    for (const operation of unsafe) {
      const attempts: { cookie?: string; body: string | FormData; type?: string }[] = [
        { cookie: SESSION, body: 'dataset=sensor_readings&name=x', type: 'application/x-www-form-urlencoded' },
        { cookie: SESSION, body: form() },
        { body: 'email=attacker%40evil.example&password=x', type: 'application/x-www-form-urlencoded' },
      ];
      for (const { cookie, body, type } of attempts) {
        const headers: Record<string, string> = { origin: EVIL, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
        if (cookie) headers['cookie'] = cookie;
        if (type) headers['content-type'] = type;
        const response = await fetch(`${app.baseUrl}${operation.path}`, { method: operation.method, headers, body: operation.method === 'DELETE' ? undefined : body });
        const answer = `${operation.method} ${operation.template} ${cookie ? 'with' : 'without'} cookie ${type ?? 'multipart'}: ${response.status} ${await message(response)}`;
        if (response.status !== 403 || !answer.endsWith('Cross-site request refused')) refusals.push(answer);
      }
    }
    expect(refusals).toEqual([]);
    // Nothing reached a handler: no upload became a job, and the audit log (which records handled requests) did not grow.
    expect(await app.db.jobCount()).toBe(jobsBefore);
    expect(await app.db.rowCount('AuditEvent')).toBe(auditBefore);
  });

  it('also refuses by Origin alone (older browsers) and a same-site sibling origin, but not the API own origin', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${app.baseUrl}/api/pipelines/check`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await post({ origin: EVIL })).status).toBe(403);
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: app.baseUrl, 'sec-fetch-site': 'same-origin' })).status).not.toBe(403);
  });

  it('refuses a same-origin change with a session cookie but without the X-XSRF-TOKEN header, and takes it with the token', async () => {
    const read = await fetch(`${app.baseUrl}/api/jobs`, { headers: { cookie: SESSION } });
    const xsrf = read.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('XSRF-TOKEN='))
      ?.split(';')[0];
    expect(xsrf).toMatch(/^XSRF-TOKEN=[0-9a-f]+\.[0-9a-f]+$/);
    const token = (xsrf ?? '').slice('XSRF-TOKEN='.length);

    for (const operation of operations.filter(isUnsafe)) {
      const response = await fetch(`${app.baseUrl}${operation.path}`, {
        method: operation.method,
        headers: { origin: app.baseUrl, 'sec-fetch-site': 'same-origin', cookie: `${SESSION}; ${xsrf}` },
      });
      expect([`${operation.method} ${operation.template}`, response.status, await message(response)]).toEqual([
        `${operation.method} ${operation.template}`,
        403,
        'Missing or invalid CSRF token: reload the page',
      ]);
    }
    const forged = await fetch(`${app.baseUrl}/api/pipelines/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION}; XSRF-TOKEN=abc.def`, 'x-xsrf-token': 'abc.def' },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    const otherSession = await fetch(`${app.baseUrl}/api/pipelines/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `sluice_session=another; ${xsrf}`, 'x-xsrf-token': token },
      body: '{}',
    });
    expect(otherSession.status).toBe(403);
    const accepted = await fetch(`${app.baseUrl}/api/pipelines/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION}; ${xsrf}`, 'x-xsrf-token': token },
      body: '{}',
    });
    expect(accepted.status).not.toBe(403);
  });

  it('needs no XSRF token from a request without the session cookie (an API token, a script)', async () => {
    const response = await fetch(`${app.baseUrl}/api/pipelines/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer slu_not-checked-here' },
      body: '{}',
    });
    expect(response.status).not.toBe(403);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('XSRF-TOKEN='))).toBe(false);
  });

  it('renders Swagger UI at /docs under the CSP, without console errors, and its "Try it out" sends the XSRF header', async () => {
    const opened = await openAdminBrowser();
    browser = opened.browser;
    await opened.page.context().addCookies([{ name: 'sluice_session', value: 'a-session-secret', url: app.baseUrl }]);
    await opened.page.goto(`${app.baseUrl}/docs`);
    await opened.page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    expect(await opened.page.locator('.opblock').count()).toBeGreaterThan(30);
    expect(opened.consoleErrors).toEqual([]);
    const xsrf = (await opened.page.context().cookies(app.baseUrl)).find((cookie) => cookie.name === 'XSRF-TOKEN');
    expect(xsrf?.value).toMatch(/^[0-9a-f]+\.[0-9a-f]+$/);
    const sent = await opened.page.evaluate(() => {
      const ui = (window as unknown as { ui: { getConfigs(): { requestInterceptor(request: { headers: Record<string, string> }): { headers: Record<string, string> } } } }).ui;
      return ui.getConfigs().requestInterceptor({ headers: {} }).headers;
    });
    expect(sent).toEqual({ 'X-XSRF-TOKEN': xsrf?.value });
  });
});
