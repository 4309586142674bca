import type { AuditEventView } from '@sluice/contracts';

import { SluiceApp, startSluice } from './support/sluice-app';

type AuditPage = { events: AuditEventView[]; nextBefore: string | null };

/** The audit log as GET /api/audit shows it, fed by the unsafe requests the API handled. */
describe('audit log', () => {
  let app: SluiceApp;
  /** Other specs of the run share the database (and the workspace): this one reads only what happened since it began. */
  let since: string;

  beforeAll(async () => {
    app = await startSluice({ WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
    since = new Date().toISOString();
  });
  afterAll(() => app?.close());

  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${app.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const audit = async (query = ''): Promise<AuditPage> => {
    const own = query.includes('from=') ? query.replace(/^\?/, '') : `from=${encodeURIComponent(since)}&${query.replace(/^\?/, '')}`;
    const response = await fetch(`${app.baseUrl}/api/audit?${own}`);
    expect(response.status).toBe(200);
    return (await response.json()) as AuditPage;
  };
  /** The recorder writes after the answer has gone out; wait for it. */
  const waitForEvents = async (count: number): Promise<AuditEventView[]> => {
    for (const deadline = Date.now() + 5_000; ;) {
      const { events } = await audit('?limit=200');
      if (events.length >= count || Date.now() > deadline) return events;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('records each unsafe request after it is answered: action, target, outcome, actor and address, never the body', async () => {
    const url = 'http://127.0.0.1:9/hook?token=do-not-log-me';
    const registered = (await (await send('POST', '/api/webhooks', { url })).json()) as { id: string; secret: string };
    expect((await send('POST', `/api/webhooks/${registered.id}/rotate-secret`)).status).toBe(200);
    const missing = '00000000-0000-4000-8000-00000000f404';
    expect((await send('POST', `/api/webhooks/${missing}/rotate-secret`)).status).toBe(404);
    // Reads and read-only checks are not recorded.
    await send('GET', '/api/webhooks');
    await send('POST', '/api/pipelines/check', {});

    const events = await waitForEvents(3);
    expect(events.map(({ action, target, outcome, detail }) => ({ action, target, outcome, status: detail?.['status'] }))).toEqual([
      { action: 'webhooks.rotateSecret', target: missing, outcome: 'failure', status: 404 },
      { action: 'webhooks.rotateSecret', target: registered.id, outcome: 'success', status: 200 },
      { action: 'webhooks.register', target: null, outcome: 'success', status: 201 },
    ]);
    for (const event of events) {
      expect(event.actor).toEqual(expect.any(String));
      expect(event.ip).toMatch(/127\.0\.0\.1/);
      expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
    }
    const stored = JSON.stringify(await app.db.sql`SELECT * FROM "AuditEvent" WHERE at >= ${new Date(since)}`, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(stored).not.toContain('do-not-log-me');
    expect(stored).not.toContain(registered.secret);
  });

  it('filters by action, actor and time, and pages by id with nextBefore', async () => {
    for (let index = 0; index < 3; index++) await send('POST', '/api/webhooks', { url: `http://127.0.0.1:9/page-${index}` });
    const all = await waitForEvents(6);
    expect(all).toHaveLength(6);

    const rotations = await audit('?action=webhooks.rotateSecret');
    expect(rotations.events.map((event) => event.action)).toEqual(['webhooks.rotateSecret', 'webhooks.rotateSecret']);
    expect((await audit(`?actor=${encodeURIComponent(all[0].actor ?? '')}`)).events).toHaveLength(6);
    expect((await audit('?actor=nobody%40example.com')).events).toEqual([]);
    expect((await audit(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).events).toEqual([]);
    expect((await audit(`?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).events).toHaveLength(6);
    expect((await audit(`?to=${encodeURIComponent(since)}`)).events).toEqual([]);

    const first = await audit('?limit=4');
    expect(first.events.map((event) => event.id)).toEqual(all.slice(0, 4).map((event) => event.id));
    expect(first.nextBefore).toBe(all[3].id);
    const second = await audit(`?limit=4&before=${first.nextBefore}`);
    expect(second.events.map((event) => event.id)).toEqual(all.slice(4).map((event) => event.id));
    expect(second.nextBefore).toBeNull();
  });

  it('answers bad filters with a 400 naming them', async () => {
    for (const [query, pattern] of [
      ['?limit=201', /limit must not be greater than 200/],
      ['?limit=0', /limit must not be less than 1/],
      ['?before=abc', /before must be an event id/],
      ['?from=yesterday', /from must be an ISO 8601 time/],
      ['?to=2026-13-45T00:00:00Z', /to must be an ISO 8601 time/],
    ] as const) {
      const response = await fetch(`${app.baseUrl}/api/audit${query}`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(pattern);
    }
  });
});
