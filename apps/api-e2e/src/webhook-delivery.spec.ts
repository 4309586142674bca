import type {
  CreatedWebhookEndpointView,
  DeliveryBatchPlan,
  DeliveryState,
  FailedDeliveryView,
  JobDetailView,
  Paginated,
  WebhookEndpointView,
  WebhookTestResult,
} from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, webhookMessageId } from '@sluice/contracts';

import { recordsKey } from '@sluice/storage';
import { AddressPolicy, DeliveryCheckpoint, WebhookSender } from '@sluice/webhooks';
import { MockActivityEnvironment } from '@temporalio/testing';

import { deliverBatch } from '../../worker/src/app/activities/delivery/deliver-batch.activity';
import { getJob, upload } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';
import { WebhookReceiver } from './support/webhook-receiver';

const readings = (count: number) => ['sensor_id,timestamp,value', ...Array.from({ length: count }, (_, i) => `s-${i},2024-01-01T00:00:00Z,${i}.5`)].join('\n');

async function waitForDelivery(baseUrl: string, jobId: string, states: DeliveryState[], timeoutMs = 60_000): Promise<JobDetailView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(baseUrl, jobId);
    if (job.delivery && states.includes(job.delivery.state)) return job;
    if (Date.now() > deadline) throw new Error(`Delivery of job ${jobId} stayed "${job.delivery?.state}" (${JSON.stringify(job.delivery)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A delivered job's records as the one batch its results planned (ten records fit one batch). */
async function onlyBatch(app: SluiceApp, jobId: string): Promise<{ recordsKey: string; batch: DeliveryBatchPlan }> {
  const key = recordsKey(DEFAULT_WORKSPACE_ID, jobId);
  let bytes = 0;
  for await (const chunk of await app.store.read(key)) bytes += (chunk as Buffer).length;
  const { total } = await app.db.client.jobDelivery.findUniqueOrThrow({ where: { jobId } });
  return { recordsKey: key, batch: { index: 0, firstRecord: 0, count: total, start: 0, end: bytes - 1 } };
}

/** A seeded generator, so a "random" 50 % failure pattern is the same on every run. */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('webhook delivery through REST, Temporal, Postgres and a real receiver', () => {
  let app: SluiceApp;
  let receiver: WebhookReceiver;
  /** The receiver's registration, made before any job so its secret is known: the API shows a secret only when it makes one. */
  let registered: CreatedWebhookEndpointView;

  beforeAll(async () => {
    app = await startSluice({ WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
    receiver = await new WebhookReceiver().start();
    const response = await fetch(`${app.baseUrl}/api/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: receiver.url }) });
    registered = (await response.json()) as CreatedWebhookEndpointView;
    expect(registered.secret).toMatch(/^whsec_/);
  });
  afterAll(async () => {
    await receiver?.stop();
    await app?.close();
  });
  beforeEach(() => receiver.reset());

  const startJob = async (count: number, fields: Record<string, string> = {}) => {
    const created = await upload(app.baseUrl, [{ name: 'readings.csv', content: readings(count) }], {
      dataset: 'sensor_readings',
      mode: 'webhook',
      webhookUrl: receiver.url,
      ...fields,
    });
    expect(created.status).toBe(202);
    return created.body['jobId'] as string;
  };
  const secretOf = async (job: JobDetailView) => {
    expect(job.delivery?.endpointId).toBe(registered.id);
    const read = (await (await fetch(`${app.baseUrl}/api/webhooks/${registered.id}`)).json()) as WebhookEndpointView;
    expect(read).toEqual({ id: registered.id, url: receiver.url, createdAt: registered.createdAt });
    return registered.secret;
  };

  it('delivers every record exactly once, signed, with the documented body', async () => {
    const jobId = await startJob(120, { rateLimit: 'unlimited' });
    const job = await waitForDelivery(app.baseUrl, jobId, ['delivered', 'partial']);

    expect(job.mode).toBe('webhook');
    expect(job.delivery).toMatchObject({
      state: 'delivered',
      url: receiver.url,
      rateLimit: null,
      total: 120,
      delivered: 120,
      failed: 0,
      pending: 0,
      retryDelaysMs: [1000, 3000, 9000],
    });
    const ids = receiver.requests.map((r) => r.id);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toHaveLength(120);
    const first = receiver.requests.find((r) => r.payload.recordIndex === 0);
    expect(first?.payload).toEqual({ jobId, dataset: 'sensor_readings', recordIndex: 0, data: { sensor_id: 's-0', timestamp: '2024-01-01T00:00:00.000Z', value: 0.5 } });
    expect(first?.id).toBe(webhookMessageId(jobId, 0));
    receiver.verifyAll(await secretOf(job));
    // The retention clock starts when delivery ends.
    expect(new Date(job.expiresAt ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(job.delivery?.finishedAt ?? 0).getTime());
  });

  it("delivers and measures a pipeline's formula-like values as they are, while clean.csv neutralises them", async () => {
    const sends = [
      'recipient_email,domain,date_sent,campaign,subject,sender,list_name',
      'ann@acme.com,acme.com,2024-03-05,=1+2,@x,,',
      'bob@beta.io,beta.io,2024-03-06,launch,plain,,',
    ];
    const created = await upload(app.baseUrl, [{ name: 'sends.csv', content: sends.join('\n') }], {
      pipeline: 'email_engagement',
      datasets: 'email_sends',
      mode: 'webhook',
      webhookUrl: receiver.url,
      rateLimit: 'unlimited',
    });
    expect(created.status).toBe(202);
    const jobId = created.body['jobId'] as string;
    await waitForDelivery(app.baseUrl, jobId, ['delivered']);

    const ann = receiver.requests.find((r) => r.payload.data['recipient_email'] === 'ann@acme.com');
    expect(ann?.payload.data).toMatchObject({ campaign: '=1+2', subject: '@x' });
    const campaigns = await app.db.client.metricDaily.findMany({ where: { jobId, metric: 'sends', dimension: 'campaign' }, select: { dimensionValue: true } });
    expect(campaigns.map((c) => c.dimensionValue).sort()).toEqual(['=1+2', 'launch']);
    const clean = await (await fetch(`${app.baseUrl}/api/jobs/${jobId}/download`)).text();
    expect(clean).toContain("ann@acme.com,acme.com,2024-03-05,'=1+2,'@x,");
  });

  it('loses nothing when the receiver fails half of all requests with 503', async () => {
    const random = seeded(42);
    receiver.respond = () => ({ status: random() < 0.5 ? 503 : 200 });
    const jobId = await startJob(150, { rateLimit: 'unlimited', retryDelays: Array(20).fill('0.01').join(',') });
    const job = await waitForDelivery(app.baseUrl, jobId, ['delivered', 'partial']);

    expect(job.delivery).toMatchObject({ state: 'delivered', delivered: 150, failed: 0, pending: 0 });
    expect(receiver.requests.filter((r) => r.status === 503).length).toBeGreaterThan(50);
    const acknowledged = receiver.acknowledged.map((r) => r.payload.recordIndex).sort((a, b) => a - b);
    expect(acknowledged).toEqual(Array.from({ length: 150 }, (_, i) => i));
    // Every repeat is a retry of the same message: same id, same record.
    for (const request of receiver.requests) expect(request.id).toBe(webhookMessageId(jobId, request.payload.recordIndex));
    receiver.verifyAll(await secretOf(job));
  });

  it('fails 4xx records at once, lists them, and replays them once the receiver is fixed', async () => {
    let broken = true;
    receiver.respond = (payload) => ({ status: broken && payload.recordIndex % 4 === 0 ? 400 : 200 });
    const jobId = await startJob(20, { rateLimit: 'unlimited' });
    let job = await waitForDelivery(app.baseUrl, jobId, ['delivered', 'partial']);

    expect(job.delivery).toMatchObject({ state: 'partial', total: 20, delivered: 15, failed: 5, pending: 0 });
    const failed = (await (await fetch(`${app.baseUrl}/api/jobs/${jobId}/deliveries/failed`)).json()) as Paginated<FailedDeliveryView>;
    expect(failed.total).toBe(5);
    expect(failed.items.map((f) => f.recordIndex)).toEqual([0, 4, 8, 12, 16]);
    expect(failed.items[0]).toMatchObject({ messageId: webhookMessageId(jobId, 0), attempts: 1, lastStatus: 400, lastError: 'HTTP 400' });
    expect(receiver.requests).toHaveLength(20);

    broken = false;
    const retry = await fetch(`${app.baseUrl}/api/jobs/${jobId}/deliveries/retry-failed`, { method: 'POST' });
    expect(retry.status).toBe(202);
    expect(await retry.json()).toEqual({ queued: 5 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    job = await waitForDelivery(app.baseUrl, jobId, ['delivered']);
    expect(job.delivery).toMatchObject({ delivered: 20, failed: 0, pending: 0 });
    expect(receiver.acknowledged.map((r) => r.payload.recordIndex).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(receiver.requests.slice(20).map((r) => r.id)).toEqual([0, 4, 8, 12, 16].map((i) => webhookMessageId(jobId, i)));

    const again = await fetch(`${app.baseUrl}/api/jobs/${jobId}/deliveries/retry-failed`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toBe('This job has no failed deliveries to retry');
  });

  it('honours Retry-After from a 429', async () => {
    receiver.respond = (_payload, attempt) => (attempt === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 });
    const jobId = await startJob(1, { retryDelays: '0.01' });
    await waitForDelivery(app.baseUrl, jobId, ['delivered']);
    const [first, second] = receiver.requests;
    expect([first.status, second.status]).toEqual([429, 200]);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('follows a live rate change, and reports the configured and measured rate', async () => {
    const jobId = await startJob(40, { rateLimit: '4' });
    await waitForDelivery(app.baseUrl, jobId, ['delivering']);
    while (receiver.requests.length < 6) await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await getJob(app.baseUrl, jobId);
    expect(during.delivery).toMatchObject({ state: 'delivering', rateLimit: 4 });
    expect(during.delivery?.currentRate).toBeGreaterThan(0);
    expect(during.delivery?.currentRate).toBeLessThanOrEqual(5);

    const changedAt = Date.now();
    const response = await fetch(`${app.baseUrl}/api/jobs/${jobId}/rate`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimit: 40 }),
    });
    expect(response.status).toBe(202);
    const job = await waitForDelivery(app.baseUrl, jobId, ['delivered'], 20_000);
    expect(job.delivery).toMatchObject({ rateLimit: 40, delivered: 40 });

    const at = receiver.requests.map((r) => r.at);
    const slow = at.filter((t) => t < changedAt);
    const fast = at.filter((t) => t > changedAt + 500);
    // 4/s means at least 250 ms between the starts of the first records.
    expect((slow[slow.length - 1] - slow[0]) / (slow.length - 1)).toBeGreaterThan(230);
    expect(fast.length).toBeGreaterThan(10);
    expect((fast.length - 1) / ((fast[fast.length - 1] - fast[0]) / 1000)).toBeGreaterThan(25);
    // At 4/s the 40 records would have needed 10 s.
    expect(at[at.length - 1] - at[0]).toBeLessThan(7000);
  });

  it('resumes a batch from its last heartbeat without resending what the receiver acknowledged', async () => {
    const jobId = await startJob(10, { rateLimit: 'unlimited' });
    await waitForDelivery(app.baseUrl, jobId, ['delivered']);
    receiver.reset();
    const sender = new WebhookSender({ policy: AddressPolicy.fromList('127.0.0.1') });
    const deps = { db: app.db.repositories, store: app.store, webhooks: { sender, concurrency: 4 } };
    const plan = await onlyBatch(app, jobId);
    // As if the worker that ran this batch died after heartbeating records 0-5 as acknowledged.
    const replacement = new MockActivityEnvironment({
      heartbeatDetails: { acked: [[0, 5]], failed: [] } satisfies DeliveryCheckpoint,
      currentAttemptScheduledTimestampMs: Date.now(),
    });
    const heartbeats: DeliveryCheckpoint[] = [];
    replacement.on('heartbeat', (details: DeliveryCheckpoint) => heartbeats.push(details));
    const counts = await replacement.run(deliverBatch, deps, {
      workspaceId: DEFAULT_WORKSPACE_ID,
      jobId,
      dataset: 'sensor_readings',
      recordsKey: plan.recordsKey,
      batch: plan.batch,
    });
    await sender.close();

    expect(counts).toEqual({ delivered: 10, failed: 0 });
    expect(receiver.requests.map((r) => r.payload.recordIndex).sort()).toEqual([6, 7, 8, 9]);
    expect(heartbeats[heartbeats.length - 1]).toEqual({ acked: [[0, 9]], failed: [] });
    expect((await getJob(app.baseUrl, jobId)).delivery).toMatchObject({ delivered: 10, total: 10 });
  });

  it('stores each acknowledgement before freeing its slot, resumes from what is stored, and empties the checkpoint once delivery ends', async () => {
    const jobId = await startJob(10, { rateLimit: 'unlimited' });
    await waitForDelivery(app.baseUrl, jobId, ['delivered']);
    expect(await app.db.client.deliveryBatch.findMany({ where: { jobId }, select: { acked: true, delivered: true } })).toEqual([{ acked: [], delivered: 10 }]);
    receiver.reset();
    const sender = new WebhookSender({ policy: AddressPolicy.fromList('127.0.0.1') });
    const deps = { db: app.db.repositories, store: app.store, webhooks: { sender, concurrency: 1 } };
    const plan = await onlyBatch(app, jobId);
    // As if a worker stored records 0-6 and was killed before its next heartbeat; 5/s leaves time to look between records.
    await app.db.client.deliveryBatch.update({ where: { jobId_index: { jobId, index: 0 } }, data: { acked: [[0, 6]], delivered: 7 } });
    await app.db.client.jobDelivery.update({ where: { jobId }, data: { rateLimit: 5 } });
    const storedWhenSent: unknown[] = [];
    // Scheduled after the job's own attempts, as a retry is.
    const replacement = new MockActivityEnvironment({ currentAttemptScheduledTimestampMs: Date.now() });
    const running = replacement.run(deliverBatch, deps, { workspaceId: DEFAULT_WORKSPACE_ID, jobId, dataset: 'sensor_readings', recordsKey: plan.recordsKey, batch: plan.batch });
    const seen = new Set<number>();
    while (seen.size < 3) {
      for (const r of receiver.requests) {
        if (seen.has(r.payload.recordIndex)) continue;
        seen.add(r.payload.recordIndex);
        storedWhenSent.push((await app.db.client.deliveryBatch.findUniqueOrThrow({ where: { jobId_index: { jobId, index: 0 } } })).acked);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await running).toEqual({ delivered: 10, failed: 0 });
    await sender.close();

    expect(receiver.requests.map((r) => r.payload.recordIndex)).toEqual([7, 8, 9]);
    // When record n arrives, every record before it is stored (n itself may be too, by the time we look).
    storedWhenSent.forEach((acked, i) => expect([[[0, 6 + i]], [[0, 7 + i]]]).toContainEqual(acked));
    expect(await app.db.client.deliveryBatch.findUniqueOrThrow({ where: { jobId_index: { jobId, index: 0 } } })).toMatchObject({ acked: [[0, 9]], delivered: 10 });
  });

  it('survives losing its worker mid-batch: the new worker resumes, nothing is lost or counted twice', async () => {
    const jobId = await startJob(60, { rateLimit: '20' });
    while (receiver.acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await app.replaceWorker();
    const job = await waitForDelivery(app.baseUrl, jobId, ['delivered', 'partial'], 60_000);

    expect(job.delivery).toMatchObject({ state: 'delivered', total: 60, delivered: 60, failed: 0, pending: 0 });
    const indices = receiver.acknowledged.map((r) => r.payload.recordIndex);
    expect(new Set(indices).size).toBe(60);
    // Acknowledgements are stored before their slot is freed, so the new attempt skips every
    // acknowledged record but those in flight at the stop (same ids); worker-crash-recovery.spec.ts kills -9.
    expect(indices.length - 60).toBeLessThanOrEqual(3);
    const history = await app.temporal.workflow.getHandle(job.workflowId).fetchHistory();
    const retried = history.events?.some((e) => e.activityTaskStartedEventAttributes && Number(e.activityTaskStartedEventAttributes.attempt) > 1);
    expect(retried).toBe(true);
  });

  it('refuses private, loopback, metadata and non-http URLs, leaving nothing behind', async () => {
    const jobsBefore = await app.db.jobCount();
    const cases: [Record<string, string>, RegExp][] = [
      [{ webhookUrl: 'http://10.0.0.7/hook' }, /10\.0\.0\.7 is a private address/],
      [{ webhookUrl: 'http://169.254.169.254/latest/meta-data/' }, /link-local/],
      [{ webhookUrl: 'http://[::1]:8080/' }, /loopback/],
      [{ webhookUrl: 'http://127.0.0.2:8080/' }, /loopback/],
      [{ webhookUrl: 'ftp://example.com/in' }, /http or https/],
      [{ webhookUrl: '' }, /Missing field "webhookUrl"/],
      [{ webhookUrl: receiver.url, rateLimit: 'fast' }, /rateLimit must be/],
      [{ webhookUrl: receiver.url, retryDelays: 'soon' }, /retryDelays must list/],
      [{ webhookUrl: receiver.url, mode: 'email' }, /mode must be/],
    ];
    for (const [fields, message] of cases) {
      const created = await upload(app.baseUrl, [{ name: 'r.csv', content: readings(1) }], { dataset: 'sensor_readings', mode: 'webhook', ...fields });
      expect(created.status).toBe(400);
      expect(String(created.body['message'])).toMatch(message);
    }
    expect(await app.db.jobCount()).toBe(jobsBefore);

    const test = await fetch(`${app.baseUrl}/api/webhooks/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://192.168.1.20/x' }),
    });
    expect(test.status).toBe(400);
    expect(((await test.json()) as { message: string }).message).toMatch(/192\.168\.1\.20 is a private address/);
  });

  it('tests a URL with one signed sample record and reports status, latency and error', async () => {
    receiver.respond = () => ({ status: 201 });
    const ok = (await (
      await fetch(`${app.baseUrl}/api/webhooks/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: receiver.url }) })
    ).json()) as WebhookTestResult;
    expect(ok).toMatchObject({ url: receiver.url, ok: true, statusCode: 201, error: null });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    expect(receiver.requests[0].id).toBe(ok.messageId);
    expect(ok.endpointId).toBe(registered.id);
    receiver.verifyAll(registered.secret);

    receiver.respond = () => ({ status: 500 });
    const failing = (await (
      await fetch(`${app.baseUrl}/api/webhooks/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: receiver.url }) })
    ).json()) as WebhookTestResult;
    expect(failing).toMatchObject({ ok: false, statusCode: 500, error: 'HTTP 500', endpointId: ok.endpointId });
  });

  it('answers the delivery controls of a download job and bad input with 4xx', async () => {
    const created = await upload(app.baseUrl, [{ name: 'r.csv', content: readings(1) }]);
    const jobId = created.body['jobId'] as string;
    const rate = await fetch(`${app.baseUrl}/api/jobs/${jobId}/rate`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rateLimit: 5 }) });
    expect(rate.status).toBe(409);
    const webhookJob = await startJob(1);
    const bad = await fetch(`${app.baseUrl}/api/jobs/${webhookJob}/rate`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimit: -1 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/rateLimit must be/);
    expect((await getJob(app.baseUrl, jobId)).delivery).toBeNull();
  });
});
