import type { JobDetailView } from '@sluice/contracts';
import type { WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common';

import { getJob, upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { WorkerProcess } from './support/worker-process';

// Requests one worker keeps in flight per delivery; a crash may repeat at most these.
const CONCURRENCY = 8;
// A worker's activities must run again elsewhere this soon after a kill -9 (heartbeat timeout, retry, a generous margin for a loaded machine).
const RECOVERY_BOUND_S = 20;

// A few hundred sensors, one reading a second each: distinct rows, and aggregations of a modest size.
const START = Date.UTC(2024, 0, 1);
const readings = (count: number) =>
  ['sensor_id,timestamp,value', ...Array.from({ length: count }, (_, i) => `s-${i % 400},${new Date(START + Math.floor(i / 400) * 1000).toISOString()},${i % 1000}.5`)].join('\n');

interface PendingActivity {
  name: string;
  attempt: number;
  started: boolean;
  worker: string;
}

async function pendingActivities(handle: WorkflowHandle): Promise<PendingActivity[]> {
  const { raw } = await handle.describe();
  return (raw.pendingActivities ?? []).map((a) => ({
    name: a.activityType?.name ?? '',
    attempt: a.attempt ?? 0,
    // PENDING_ACTIVITY_STATE_STARTED
    started: Number(a.state) === 2,
    worker: a.lastWorkerIdentity ?? '',
  }));
}

/** When the attempt that completed the job's (first) `activity` started, from the workflow's history. */
async function lastAttemptOf(handle: WorkflowHandle, activity: string): Promise<{ attempt: number; startedAt: number }> {
  const events = (await handle.fetchHistory()).events ?? [];
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity);
  const started = events.find((e) => scheduled && String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId));
  if (!started) throw new Error(`${activity} never started`);
  return { attempt: started.activityTaskStartedEventAttributes?.attempt ?? 0, startedAt: tsToMs(started.eventTime) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The worker that runs the job's `activity` now (the SDK's default identity is "pid@host"). */
function runnerOf(workers: WorkerProcess[], activity: PendingActivity): WorkerProcess {
  const runner = workers.find((w) => activity.worker.startsWith(`${w.pid}@`));
  if (!runner) throw new Error(`No worker of this test runs ${activity.name} (${activity.worker})`);
  return runner;
}

describe('a worker process that dies or is stopped mid-job', () => {
  let app: SluiceApp;
  let receiver: WebhookReceiver;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    app = await startSluice({ WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1', WEBHOOK_CONCURRENCY: String(CONCURRENCY), MAX_UPLOAD_MB: '64' }, { inProcessWorker: false });
    receiver = await new WebhookReceiver().start();
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    workers = [];
  });
  afterAll(async () => {
    await receiver?.stop();
    await app?.close();
  });

  /** Two workers, as a deployment runs them: one takes the work, the other is there to take it over. */
  const startWorkers = async () => {
    workers = [await WorkerProcess.start(), await WorkerProcess.start()];
  };
  /** kill -9 the worker running `activity` and, as a supervisor would, start a new one. */
  const killRunnerOf = async (activity: PendingActivity) => {
    const victim = runnerOf(workers, activity);
    await victim.kill('SIGKILL');
    const killedAt = Date.now();
    workers = workers.filter((w) => w !== victim);
    workers.push(await WorkerProcess.start());
    return killedAt;
  };

  it('has the activity it was running resumed elsewhere within seconds, with output identical to an uninterrupted job', async () => {
    await startWorkers();
    const content = readings(400_000);
    const created = await upload(app.baseUrl, [{ name: 'readings.csv', content }]);
    expect(created.status).toBe(202);
    const jobId = created.body['jobId'] as string;
    const job = await getJob(app.baseUrl, jobId);
    const handle = app.temporal.workflow.getHandle(job.workflowId);

    // Mid-activity: the parse has reported rows, so it is well under way.
    const parsing = await until(
      'the parse to be under way',
      async () => {
        const [upload] = await app.db.uploadsOf(jobId);
        const parse = (await pendingActivities(handle)).find((a) => a.name === 'parseAndValidate' && a.started);
        return (upload?.rowsProcessed ?? 0) > 0 && parse;
      },
      120_000,
    );
    const killedAt = await killRunnerOf(parsing);
    const done = await waitForStatus(app.baseUrl, jobId, ['processed', 'partial', 'failed'], 240_000);
    expect(done.status).toBe('processed');
    const resumed = await lastAttemptOf(handle, 'parseAndValidate');
    // Attempt 1 finishing before the kill would mean the file is too small for this machine.
    expect(resumed.attempt).toBeGreaterThan(parsing.attempt);
    const recoverySeconds = (resumed.startedAt - killedAt) / 1000;
    process.stderr.write(`[recovery] parseAndValidate resumed ${recoverySeconds.toFixed(1)} s after kill -9 (attempt ${resumed.attempt})\n`);
    expect(recoverySeconds).toBeLessThan(RECOVERY_BOUND_S);

    const reference = await upload(app.baseUrl, [{ name: 'readings.csv', content }]);
    const referenceJob = await waitForStatus(app.baseUrl, reference.body['jobId'] as string, ['processed', 'partial', 'failed'], 240_000);
    const summary = (j: JobDetailView) => ({ status: j.status, validRows: j.validRows, invalidRows: j.invalidRowCount, aggregations: j.aggregations, merge: j.merge });
    expect(summary(done)).toEqual(summary(referenceJob));
    expect(done.validRows).toBe(400_000);
    const download = async (id: string) => (await fetch(`${app.baseUrl}/api/jobs/${id}/download`)).text();
    const [clean, referenceClean] = await Promise.all([download(jobId), download(referenceJob.id)]);
    expect(clean.length).toBeGreaterThan(content.length / 2);
    expect(clean === referenceClean).toBe(true);
  });

  it('hands its running attempt back at once when stopped with SIGTERM, and exits by itself', async () => {
    await startWorkers();
    const created = await upload(app.baseUrl, [{ name: 'readings.csv', content: readings(400_000) }]);
    const jobId = created.body['jobId'] as string;
    const handle = app.temporal.workflow.getHandle((await getJob(app.baseUrl, jobId)).workflowId);
    const parsing = await until('the parse to be under way', async () => (await pendingActivities(handle)).find((a) => a.name === 'parseAndValidate' && a.started), 120_000);
    const victim = runnerOf(workers, parsing);
    const stoppedAt = Date.now();
    await victim.kill('SIGTERM');
    workers = workers.filter((w) => w !== victim);
    expect((await waitForStatus(app.baseUrl, jobId, ['processed', 'partial', 'failed'], 240_000)).status).toBe('processed');
    const resumed = await lastAttemptOf(handle, 'parseAndValidate');
    expect(resumed.attempt).toBeGreaterThan(parsing.attempt);
    const seconds = (resumed.startedAt - stoppedAt) / 1000;
    process.stderr.write(`[recovery] parseAndValidate resumed ${seconds.toFixed(1)} s after SIGTERM\n`);
    // Well inside the 10 s heartbeat timeout: the stopping worker reported the attempt as failed.
    expect(seconds).toBeLessThan(8);
  });

  it('repeats no more webhook deliveries than were in flight, and loses none', async () => {
    await startWorkers();
    receiver.reset();
    const total = 2000;
    const created = await upload(app.baseUrl, [{ name: 'readings.csv', content: readings(total) }], {
      dataset: 'sensor_readings',
      mode: 'webhook',
      webhookUrl: receiver.url,
      rateLimit: '200',
    });
    expect(created.status).toBe(202);
    const jobId = created.body['jobId'] as string;
    const handle = app.temporal.workflow.getHandle((await getJob(app.baseUrl, jobId)).workflowId);

    await until('500 acknowledged records', async () => receiver.acknowledged.length >= 500, 120_000, 20);
    const batch = await until('the running batch', async () => (await pendingActivities(handle)).find((a) => a.name === 'deliverBatch' && a.started), 10_000, 20);
    const killedAt = await killRunnerOf(batch);
    const seenAtKill = receiver.requests.length;

    const job = await until(
      'delivery to finish',
      async () => {
        const current = await getJob(app.baseUrl, jobId);
        return current.delivery && ['delivered', 'partial'].includes(current.delivery.state) && current;
      },
      180_000,
      250,
    );
    expect(job.delivery).toMatchObject({ state: 'delivered', total, delivered: total, failed: 0, pending: 0 });
    const indices = receiver.acknowledged.map((r) => r.payload.recordIndex);
    expect(new Set(indices).size).toBe(total);
    const repeats = receiver.requests.length - new Set(receiver.requests.map((r) => r.id)).size;
    const firstAfterKill = receiver.requests.slice(seenAtKill).find((r) => r.at > killedAt);
    const resumedSeconds = firstAfterKill ? (firstAfterKill.at - killedAt) / 1000 : NaN;
    process.stderr.write(
      `[recovery] delivery killed after ${seenAtKill} requests; resumed ${resumedSeconds.toFixed(1)} s later; ${repeats} repeated deliveries (same webhook-id)\n`,
    );
    expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
    expect(resumedSeconds).toBeLessThan(RECOVERY_BOUND_S);
  });
});
