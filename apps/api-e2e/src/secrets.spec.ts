import { randomBytes } from 'node:crypto';

import type { CreatedWebhookEndpointView, JobDetailView, WebhookEndpointView } from '@sluice/contracts';
import { TestDatabase } from '@sluice/db/testing';
import { Client, Connection } from '@temporalio/client';

import { getJob, upload } from './support/api-client';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { openApiOperations } from './support/openapi-operations';
import { WebhookReceiver } from './support/webhook-receiver';
import { WorkerProcess } from './support/worker-process';

const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';
const LEGACY_ID = '00000000-0000-4000-8000-00000000beef';

/** The texts that must never be shown again: each secret and the base64 key inside it. */
const forms = (secret: string): string[] => [secret, secret.slice('whsec_'.length), Buffer.from(secret.slice('whsec_'.length), 'base64').toString('base64url')];

/** Temporal history as text, its payloads decoded (they are JSON bytes), so an argument holding a secret would show. */
const historyText = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? Buffer.from(item).toString('utf8') : typeof item === 'bigint' ? item.toString() : item));

/**
 * Webhook signing secrets are shown only when made: in the answers of registering and rotating, never by a GET,
 * in a log line of the API or the worker (both run as the processes `npm start` runs, their whole output kept),
 * in Temporal history, or in Postgres in the clear.
 */
describe('webhook signing secrets stay secret', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let receiver: WebhookReceiver;
  let connection: Connection;
  const legacySecret = `whsec_${randomBytes(32).toString('base64')}`;
  const started = new Date();

  beforeAll(async () => {
    db = new TestDatabase();
    // A row from before secrets were sealed: the API seals it when it starts.
    await db.sql`INSERT INTO "WebhookEndpoint" (id, "workspaceId", url, secret) VALUES (${LEGACY_ID}::uuid, ${DEFAULT_WORKSPACE_ID}::uuid, 'https://legacy.example/hook', ${legacySecret})`;
    receiver = await new WebhookReceiver().start();
    const env = { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1', WORKER_LOG_LEVEL: 'DEBUG' };
    api = await startApiProcess(env);
    worker = await WorkerProcess.start(env, 120_000, 20_000_000);
    connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.stop();
    await receiver?.stop();
    await connection?.close();
    await db?.disconnect();
  });

  it('shows a secret on registering and rotating only, signs deliveries with it, and never lets it out again', async () => {
    const post = async (path: string, body?: unknown) => {
      const response = await fetch(`${api.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.ok).toBe(true);
      return (await response.json()) as CreatedWebhookEndpointView;
    };
    const registered = await post('/api/webhooks', { url: receiver.url });
    expect(registered.secret).toMatch(/^whsec_/);
    const again = await post('/api/webhooks', { url: receiver.url });
    expect(again).toEqual({ id: registered.id, url: receiver.url, createdAt: registered.createdAt });
    const rotated = await post(`/api/webhooks/${registered.id}/rotate-secret`);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(registered.secret);

    // Stored sealed, the old plain-text row included (and every other spec's).
    const stored = await db.sql<{ id: string; secret: string }>`SELECT id::text, secret FROM "WebhookEndpoint"`;
    expect(stored.map((row) => row.id)).toEqual(expect.arrayContaining([registered.id, LEGACY_ID]));
    for (const row of stored) expect(row.secret).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);

    // The worker opens the sealed secret itself and signs with the rotated one.
    const created = await upload(api.baseUrl, [{ name: 'readings.csv', content: 'sensor_id,timestamp,value\nb-1,2026-11-20T08:00:00Z,1\nb-2,2026-11-20T09:00:00Z,2\n' }], {
      dataset: 'sensor_readings',
      mode: 'webhook',
      webhookUrl: receiver.url,
      rateLimit: 'unlimited',
    });
    expect(created.status).toBe(202);
    const jobId = created.body['jobId'] as string;
    let job: JobDetailView = await getJob(api.baseUrl, jobId);
    for (const deadline = Date.now() + 60_000; job.delivery?.state !== 'delivered'; job = await getJob(api.baseUrl, jobId)) {
      if (Date.now() > deadline) throw new Error(`Delivery stayed ${JSON.stringify(job.delivery)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(receiver.requests).toHaveLength(2);
    receiver.verifyAll(rotated.secret);

    // Every GET of the OpenAPI document, with real ids where it takes them.
    const pipelines = (await (await fetch(`${api.baseUrl}/api/pipelines`)).json()) as { name: string }[];
    const fill = (param: string, template: string): string => {
      if (template.startsWith('/api/webhooks/')) return registered.id;
      if (template.startsWith('/api/jobs/')) return jobId;
      if (template.startsWith('/api/pipelines/')) return pipelines[0]?.name ?? 'none';
      if (template.startsWith('/api/datasets/')) return param === 'version' ? '1' : 'sensor_readings';
      return LEGACY_ID;
    };
    const reads = (await openApiOperations(api.baseUrl, fill)).filter((operation) => operation.method === 'GET');
    expect(reads.length).toBeGreaterThan(20);
    const answers: string[] = [];
    for (const { path } of [...reads, { path: '/docs-json' }, { path: `/api/webhooks/${LEGACY_ID}` }]) {
      const abort = new AbortController();
      // The event stream never ends by itself: what it sends in a second is what it would show.
      const timer = setTimeout(() => abort.abort(), 1_500);
      const response = await fetch(`${api.baseUrl}${path}`, { signal: abort.signal });
      let text = '';
      const reader = response.body?.getReader();
      try {
        for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) text += Buffer.from(read.value).toString('utf8');
      } catch {
        // Aborted: the stream's first second is kept.
      }
      clearTimeout(timer);
      const headers: string[] = [];
      response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
      answers.push(`${path} ${response.status} ${headers.join('\n')} ${text}`);
    }
    const listed = (await (await fetch(`${api.baseUrl}/api/webhooks`)).json()) as WebhookEndpointView[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    for (const endpoint of listed) expect(Object.keys(endpoint).sort()).toEqual(['createdAt', 'id', 'url']);

    const temporal = new Client({ connection });
    const histories: string[] = [];
    // The workflows this spec started (earlier specs' histories can be larger than one gRPC message).
    for await (const execution of temporal.workflow.list({ query: `StartTime >= '${started.toISOString()}'` }))
      histories.push(historyText(await temporal.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory()));
    expect(histories.length).toBeGreaterThan(0);
    expect(histories.join('\n')).toContain(jobId);

    const logs = `${api.output()}\n${worker.log}`;
    expect(api.output()).toMatch(/Sealed 1 webhook signing secret/);
    expect(logs.length).toBeGreaterThan(1_000);
    const places = { 'GET answers': answers.join('\n'), 'API and worker logs': logs, 'Temporal history': histories.join('\n') };
    const leaks = Object.entries(places).flatMap(([where, text]) =>
      [registered.secret, rotated.secret, legacySecret]
        .flatMap(forms)
        .filter((form) => text.includes(form))
        .map((form) => `${where}: ${form.slice(0, 12)}…`),
    );
    expect(leaks).toEqual([]);
  });
});
