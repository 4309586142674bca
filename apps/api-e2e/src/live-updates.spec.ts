import type { JobSummaryView, Paginated, StorageUsageView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { jobPrefix } from '@sluice/storage';

import { upload, waitForStatus } from './support/api-client';
import { readEvents } from './support/server-sent-events';
import { SluiceApp, startSluice } from './support/sluice-app';

const CSV = ['sensor_id,timestamp,value', 's-1,2026-11-02T00:00:00Z,1', 's-2,2026-11-02T01:00:00Z,2'].join('\n');

describe('live updates, job filters and storage usage', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  it('says when it follows changes, then pushes the ids of changed jobs as server-sent events while a job runs', async () => {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 20_000);
    let jobId = '';
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const seen = (events: { type: string; data: unknown }[]) => events.filter((e) => e.type === 'jobs' && (e.data as { ids: string[] }).ids.includes(jobId)).length;
    const stream = readEvents(
      `${app.baseUrl}/api/events/jobs`,
      (events) => {
        if (events.some((e) => e.type === 'ready')) markReady();
        return jobId !== '' && seen(events) >= 2;
      },
      abort.signal,
    );
    await Promise.race([ready, stream]); // a stream that ends without "ready" fails below
    const created = await upload(app.baseUrl, [{ name: 'r.csv', content: CSV }]);
    jobId = created.body['jobId'] as string;
    const { status, contentType, events } = await stream;
    clearTimeout(timeout);
    expect(status).toBe(200);
    expect(contentType).toContain('text/event-stream');
    expect(events[0]?.type).toBe('ready');
    // Created, then at least one change of status: each arrives without polling.
    expect(seen(events)).toBeGreaterThanOrEqual(2);
  });

  it('says "ready" again once its Postgres listener is cut and back, so clients reload, and goes on pushing changes', async () => {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 20_000);
    const readies = (events: { type: string }[]) => events.filter((e) => e.type === 'ready').length;
    let jobId = '';
    const waiters: { count: number; resolve: () => void }[] = [];
    const readyCount = (count: number) => new Promise<void>((resolve) => waiters.push({ count, resolve }));
    const first = readyCount(1);
    const second = readyCount(2);
    const stream = readEvents(
      `${app.baseUrl}/api/events/jobs`,
      (events) => {
        for (const waiter of waiters) if (readies(events) >= waiter.count) waiter.resolve();
        return jobId !== '' && events.some((e) => e.type === 'jobs' && (e.data as { ids: string[] }).ids.includes(jobId));
      },
      abort.signal,
    );
    await Promise.race([first, stream]);
    const cut = await app.db.sql<{ cut: boolean }>`SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE query = 'LISTEN job_changed' AND pid <> pg_backend_pid()`;
    expect(cut).toEqual([{ cut: true }]);
    await Promise.race([second, stream]);
    const created = await upload(app.baseUrl, [{ name: 'r.csv', content: CSV }]);
    jobId = created.body['jobId'] as string;
    const { events } = await stream;
    clearTimeout(timeout);
    expect(readies(events)).toBe(2);
  });

  it('filters jobs by status, dataset and creation day, and reports duplicates removed', async () => {
    const created = await upload(app.baseUrl, [{ name: 'r.csv', content: CSV }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed']);
    const list = async (query: string) => {
      const response = await fetch(`${app.baseUrl}/api/jobs?${query}`);
      return { status: response.status, body: (await response.json()) as Paginated<JobSummaryView> & { message?: string[] } };
    };
    const today = new Date().toISOString().slice(0, 10);
    const mine = (page: Paginated<JobSummaryView>) => page.items.find((j) => j.id === job.id);
    expect(mine((await list(`status=processed&dataset=sensor_readings&from=${today}&to=${today}&pageSize=100`)).body)).toMatchObject({ duplicatesRemoved: 0 });
    expect(mine((await list('from=2999-01-01')).body)).toBeUndefined();
    expect(mine((await list('status=failed&pageSize=100')).body)).toBeUndefined();
    expect(mine((await list('dataset=people&pageSize=100')).body)).toBeUndefined();
    const bad = await list('from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('from must be a date written YYYY-MM-DD');
  });

  it('reports objects and bytes per job and the next expiry', async () => {
    const created = await upload(app.baseUrl, [{ name: 'r.csv', content: CSV }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed']);
    const usage = (await (await fetch(`${app.baseUrl}/api/storage`)).json()) as StorageUsageView;
    const mine = usage.jobs.find((j) => j.jobId === job.id);
    const stored = await app.store.list(jobPrefix(DEFAULT_WORKSPACE_ID, job.id));
    expect(mine).toEqual({
      jobId: job.id,
      dataset: 'sensor_readings',
      status: 'processed',
      objects: stored.length,
      bytes: stored.reduce((s, o) => s + o.size, 0),
      expiresAt: job.expiresAt,
    });
    expect(mine?.objects).toBeGreaterThanOrEqual(4); // upload, staged rows, clean and rejected results
    expect(usage.bytes).toBeGreaterThanOrEqual(mine?.bytes ?? 0);
    expect((usage.nextExpiry?.at ?? '') <= (job.expiresAt as string)).toBe(true);
    expect(usage.nextExpiry).not.toBeNull();
  });
});
