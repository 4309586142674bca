import type { DeliveryBatchPlan, FileOutcome } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { recordsKey } from '@sluice/storage';
import type { BuildResultsInput } from '@sluice/temporal';
import { AddressPolicy, WebhookSender } from '@sluice/webhooks';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';

import type { ActivityDeps } from '../../worker/src/app/activities/activity-deps';
import { buildResults } from '../../worker/src/app/activities/build-results.activity';
import { deliverBatch } from '../../worker/src/app/activities/delivery/deliver-batch.activity';
import { parseAndValidate } from '../../worker/src/app/activities/parse-and-validate.activity';
import { getJob, upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';
import { WebhookReceiver } from './support/webhook-receiver';

/** Sensor readings over 40 days, every third row invalid (its value is not a number). */
const readings = (count: number) =>
  [
    'sensor_id,timestamp,value',
    ...Array.from({ length: count }, (_, i) => `s-${i % 50},2024-01-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00Z,${i % 3 === 0 ? 'n/a' : `${i}.5`}`),
  ].join('\n');

/**
 * Two attempts of one activity: `stale` is the one Temporal gave up on (a missed heartbeat) but that
 * still runs; `current` the retry scheduled after it. Both later than the job's own attempts.
 */
function attempts() {
  const scheduled = Date.now() + 60_000;
  const logger = new DefaultLogger('ERROR');
  return {
    stale: new MockActivityEnvironment({ attempt: 1, currentAttemptScheduledTimestampMs: scheduled }, { logger }),
    current: new MockActivityEnvironment({ attempt: 2, currentAttemptScheduledTimestampMs: scheduled + 10_000 }, { logger }),
  };
}

const settle = <T>(running: Promise<T>) =>
  running.then(
    (value) => ({ value, error: null }),
    (error: Error) => ({ value: null, error }),
  );

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Writing activities run as two overlapping attempts against the real Postgres, S3 and a webhook
 * receiver: what the job holds afterwards is exactly one attempt's, and the replaced attempt stops.
 */
describe('overlapping attempts of a writing activity count once', () => {
  let app: SluiceApp;
  let receiver: WebhookReceiver;
  let deps: ActivityDeps;
  let sender: WebhookSender;

  beforeAll(async () => {
    app = await startSluice({ WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
    receiver = await new WebhookReceiver().start();
    sender = new WebhookSender({ policy: AddressPolicy.fromList('127.0.0.1') });
    deps = { db: app.db.repositories, store: app.store, webhooks: { sender, concurrency: 4 } };
  });
  afterAll(async () => {
    await sender?.close();
    await receiver?.stop();
    await app?.close();
  });

  /** A finished job of `rows` readings: what one attempt of each activity left. */
  async function finishedJob(rows: number, fields: Record<string, string> = {}) {
    const created = await upload(app.baseUrl, [{ name: 'readings.csv', content: readings(rows) }], { dataset: 'sensor_readings', ...fields });
    expect(created.status).toBe(202);
    const jobId = created.body['jobId'] as string;
    const job = await waitForStatus(app.baseUrl, jobId, ['processed', 'partial', 'failed'], 120_000);
    expect(job.status).toBe('partial');
    const [file] = await app.db.uploadsOf(jobId);
    return { jobId, file };
  }

  const invalidRowsOf = (jobId: string) => app.db.client.invalidRow.count({ where: { jobId } });
  const metricRowsOf = (jobId: string) =>
    app.db.client.metricDaily.findMany({
      where: { jobId },
      orderBy: [{ day: 'asc' }, { metric: 'asc' }, { dimensionValue: 'asc' }],
      select: { day: true, metric: true, dimensionValue: true, sum: true, count: true },
    });

  it('parseAndValidate: the replaced attempt stops at its next write, and the file keeps one set of row errors and counts', async () => {
    const { jobId, file } = await finishedJob(30_000);
    const once = { invalid: await invalidRowsOf(jobId), job: await getJob(app.baseUrl, jobId) };
    expect(once.invalid).toBe(10_000);
    const input = { workspaceId: DEFAULT_WORKSPACE_ID, jobId, dataset: 'sensor_readings', file: { uploadId: file.id, key: file.objectKey } };

    const { stale, current } = attempts();
    const staleRun = settle(stale.run(parseAndValidate, deps, input));
    // The retry starts once the stale attempt has written rows of its own (a 1,000-row batch or more).
    await until(async () => (await invalidRowsOf(jobId)) > 0 && (await invalidRowsOf(jobId)) < once.invalid, 'the stale attempt to write row errors');
    const currentRun = settle(current.run(parseAndValidate, deps, input));
    const [staleEnd, currentEnd] = await Promise.all([staleRun, currentRun]);

    expect(staleEnd.error?.message).toMatch(/replaced by a later one/);
    expect(currentEnd.error).toBeNull();
    expect(currentEnd.value).toMatchObject({ rowsProcessed: 30_000, validRows: 20_000, invalidRows: 10_000 });
    expect(await invalidRowsOf(jobId)).toBe(once.invalid);
    const lines = await app.db.client.invalidRow.groupBy({ by: ['line'], where: { jobId }, having: { line: { _count: { gt: 1 } } } });
    expect(lines).toEqual([]);
    expect((await app.db.uploadsOf(jobId))[0].rowsProcessed).toBe(30_000);
    expect((await getJob(app.baseUrl, jobId)).rowsProcessed).toBe(once.job.rowsProcessed);
  });

  it('buildResults: two attempts started together record one metrics contribution, the later attempt’s', async () => {
    const { jobId, file } = await finishedJob(3_000);
    const recorded = await metricRowsOf(jobId);
    expect(recorded.length).toBeGreaterThan(0);
    // The staged rows and mapping as parseAndValidate hands them on.
    const parsed = (await new MockActivityEnvironment({ currentAttemptScheduledTimestampMs: Date.now() + 30_000 }).run(parseAndValidate, deps, {
      workspaceId: DEFAULT_WORKSPACE_ID,
      jobId,
      dataset: 'sensor_readings',
      file: { uploadId: file.id, key: file.objectKey },
    })) as FileOutcome;
    const input: BuildResultsInput = {
      workspaceId: DEFAULT_WORKSPACE_ID,
      jobId,
      failed: false,
      files: [{ uploadId: file.id, columns: parsed.columns, stagedKey: parsed.stagedKey }],
    };

    const { stale, current } = attempts();
    const [staleEnd, currentEnd] = await Promise.all([settle(stale.run(buildResults, deps, input)), settle(current.run(buildResults, deps, input))]);

    expect(staleEnd.error?.message).toMatch(/replaced by a later one/);
    expect(currentEnd.error).toBeNull();
    expect(await metricRowsOf(jobId)).toEqual(recorded);
    const period = await fetch(`${app.baseUrl}/api/metrics/compare?source=sensor_readings&metric=readings&granularity=month&from=2024-01-01&to=2024-01-31`);
    expect(period.status).toBe(200);
  });

  it('deliverBatch: the replaced attempt stops sending, and every record arrives, repeated at most while requests were in flight', async () => {
    const rows = 90;
    const { jobId } = await finishedJob(rows, { mode: 'webhook', webhookUrl: receiver.url, rateLimit: 'unlimited' });
    await until(async () => (await getJob(app.baseUrl, jobId)).delivery?.state === 'delivered', "the job's own delivery");
    const total = (await app.db.client.jobDelivery.findUniqueOrThrow({ where: { jobId } })).total;
    expect(total).toBe(60);
    const key = recordsKey(DEFAULT_WORKSPACE_ID, jobId);
    let bytes = 0;
    for await (const chunk of await app.store.read(key)) bytes += (chunk as Buffer).length;
    const batch: DeliveryBatchPlan = { index: 0, firstRecord: 0, count: total, start: 0, end: bytes - 1 };
    // As if the batch had never been delivered, at 20 records a second so the takeover falls mid-batch.
    await app.db.client.deliveryBatch.update({ where: { jobId_index: { jobId, index: 0 } }, data: { acked: [], delivered: 0 } });
    await app.db.client.jobDelivery.update({ where: { jobId }, data: { rateLimit: 20 } });
    receiver.reset();
    const input = { workspaceId: DEFAULT_WORKSPACE_ID, jobId, dataset: 'sensor_readings', recordsKey: key, batch };

    const { stale, current } = attempts();
    const staleRun = settle(stale.run(deliverBatch, deps, input));
    await until(async () => receiver.acknowledged.length >= 10, 'the stale attempt to deliver 10 records');
    const currentRun = settle(current.run(deliverBatch, deps, input));
    const [staleEnd, currentEnd] = await Promise.all([staleRun, currentRun]);

    expect(staleEnd.error?.message).toMatch(/replaced by a later one/);
    expect(currentEnd.value).toEqual({ delivered: total, failed: 0 });
    const ids = receiver.acknowledged.map((r) => r.id);
    expect(new Set(ids).size).toBe(total);
    // The stale attempt's requests in flight at the takeover may land twice; nothing after them.
    expect(ids.length - total).toBeLessThanOrEqual(2 * deps.webhooks.concurrency);
    expect(await app.db.client.deliveryBatch.findUniqueOrThrow({ where: { jobId_index: { jobId, index: 0 } }, select: { acked: true, delivered: true } })).toEqual({
      acked: [[0, total - 1]],
      delivered: total,
    });
  });
});
