import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import type { ScheduleView, StorageUsageView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, HOUR_MS, STORAGE_SWEEP_WORKFLOW, STORAGE_SWEEPER_SCHEDULE_ID, TASK_QUEUE } from '@sluice/contracts';
import { inboxPrefix, jobIdOfKey, jobPrefix, legacyJobPrefix, uploadKey } from '@sluice/storage';

import { ensureStorageSweeperSchedule } from '../../worker/src/app/storage-sweeper-schedule';
import { upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

/** The worker's age threshold here: long enough to outlive the setup below, short enough not to wait an hour. */
const MIN_AGE_MS = 8000;
const PART = 5 * 1024 * 1024;
const CSV = 'sensor_id,timestamp,value\ns-1,2026-11-02T00:00:00Z,1\ns-2,2026-11-02T01:00:00Z,x\n';

describe('storage sweeper (the storage-sweeper Temporal Schedule)', () => {
  let app: SluiceApp;
  const schedule = () => app.temporal.schedule.getHandle(STORAGE_SWEEPER_SCHEDULE_ID);

  beforeAll(async () => {
    app = await startSluice({ SWEEPER_MIN_AGE_MS: String(MIN_AGE_MS) });
  });

  afterAll(async () => {
    // Later suites in this process keep the default threshold.
    delete process.env['SWEEPER_MIN_AGE_MS'];
    await app?.close();
  });

  async function startMultipart(key: string): Promise<string> {
    const { UploadId } = await app.store.client.send(new CreateMultipartUploadCommand({ Bucket: app.store.bucket, Key: key }));
    await app.store.client.send(new UploadPartCommand({ Bucket: app.store.bucket, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(PART, 97) }));
    return UploadId as string;
  }

  async function finishedJob(): Promise<{ id: string; workflowId: string }> {
    const created = await upload(app.baseUrl, [{ name: 'readings.csv', content: CSV }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['partial']);
    return { id: job.id, workflowId: job.workflowId };
  }

  /** Triggers the schedule and waits for the run it started; returns that run's workflow result and ids. */
  async function triggerAndWait() {
    const before = (await schedule().describe()).info.recentActions.length;
    await schedule().trigger();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const actions = (await schedule().describe()).info.recentActions;
      if (actions.length > before) {
        const { workflowId, firstExecutionRunId } = actions[actions.length - 1].action.workflow;
        const handle = app.temporal.workflow.getHandle(workflowId, firstExecutionRunId);
        return { workflowId, runId: firstExecutionRunId, outcome: await handle.result() };
      }
      if (Date.now() > deadline) throw new Error('The storage-sweeper schedule started no run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('exists hourly once a worker has started, stays one schedule when created again, and is not a user inbox schedule', async () => {
    const described = await schedule().describe();
    expect(described.spec.intervals?.map((i) => i.every)).toEqual([HOUR_MS]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: STORAGE_SWEEP_WORKFLOW, taskQueue: TASK_QUEUE });
    expect(described.state.paused).toBe(false);
    expect(described.info.nextActionTimes[0].getTime()).toBeLessThanOrEqual(Date.now() + HOUR_MS);

    // Every worker start ensures it: unchanged when it matches, brought back to hourly when it was changed, a pause kept.
    expect(await ensureStorageSweeperSchedule(app.temporal, TASK_QUEUE)).toBe('unchanged');
    await schedule().update((previous) => ({ ...previous, spec: { intervals: [{ every: '2 hours' }] } }));
    await schedule().pause('paused by the test');
    expect(await ensureStorageSweeperSchedule(app.temporal, TASK_QUEUE)).toBe('updated');
    const restored = await schedule().describe();
    expect(restored.spec.intervals?.map((i) => i.every)).toEqual([HOUR_MS]);
    expect(restored.state.paused).toBe(true);
    await schedule().unpause();
    await Promise.all([app.replaceWorker(), ensureStorageSweeperSchedule(app.temporal, TASK_QUEUE)]);

    const ids: string[] = [];
    for await (const s of app.temporal.schedule.list()) ids.push(s.scheduleId);
    expect(ids.filter((id) => id === STORAGE_SWEEPER_SCHEDULE_ID)).toHaveLength(1);
    const listed = (await (await fetch(`${app.baseUrl}/api/schedules`)).json()) as ScheduleView[];
    expect(listed.map((s) => s.id)).not.toContain(STORAGE_SWEEPER_SCHEDULE_ID);
    expect((await fetch(`${app.baseUrl}/api/schedules/${STORAGE_SWEEPER_SCHEDULE_ID}`)).status).toBe(404);
  });

  it('removes stale incomplete uploads, objects no job owns and what expired jobs left, nothing else, and records the run', async () => {
    // A live job, even with its expiry moved into the past: its workflow still runs and will delete its files itself.
    const live = await finishedJob();
    await app.db.setJobExpiry(live.id, new Date(Date.now() - 10 * MIN_AGE_MS));
    // An expired job whose object deletion did not finish.
    const expired = await finishedJob();
    await app.temporal.workflow.getHandle(expired.workflowId).terminate('test: expiry interrupted');
    await app.db.repositories.jobs.markExpired(DEFAULT_WORKSPACE_ID, expired.id);
    // A job long past its expiry whose workflow is gone (terminated), so nothing else would ever delete its files.
    const abandoned = await finishedJob();
    await app.temporal.workflow.getHandle(abandoned.workflowId).terminate('test: workflow lost');
    await app.db.setJobExpiry(abandoned.id, new Date(Date.now() - 10 * MIN_AGE_MS));

    // Orphans in a workspace's prefix, in another workspace's, and under the prefix jobs had before workspaces.
    const orphanKey = uploadKey(DEFAULT_WORKSPACE_ID, randomUUID(), randomUUID(), 'orphan.csv');
    await app.store.put(orphanKey, Readable.from([CSV]));
    const otherWorkspaceOrphanKey = uploadKey(randomUUID(), randomUUID(), randomUUID(), 'orphan.csv');
    await app.store.put(otherWorkspaceOrphanKey, Readable.from([CSV]));
    const legacyOrphanKey = `${legacyJobPrefix(randomUUID())}uploads/${randomUUID()}/orphan.csv`;
    await app.store.put(legacyOrphanKey, Readable.from([CSV]));
    const staleUploadKey = uploadKey(DEFAULT_WORKSPACE_ID, randomUUID(), randomUUID(), 'killed-mid-upload.csv');
    const staleUploadId = await startMultipart(staleUploadKey);
    // Inboxes are never the sweeper's, in a workspace's folder or the legacy one, even when a folder looks like a job's.
    const inboxKey = `inbox/sweeper-test-${randomUUID()}/waiting.csv`;
    await app.store.put(inboxKey, Readable.from([CSV]));
    const workspaceInboxKey = `${inboxPrefix(DEFAULT_WORKSPACE_ID, `sweeper-test-${randomUUID()}`)}jobs/${randomUUID()}/waiting.csv`;
    await app.store.put(workspaceInboxKey, Readable.from([CSV]));
    const inboxUploadKey = `${inboxPrefix(DEFAULT_WORKSPACE_ID, 'sweeper-test')}${randomUUID()}.csv`;
    const inboxUploadId = await startMultipart(inboxUploadKey);

    await new Promise((resolve) => setTimeout(resolve, MIN_AGE_MS + 1000));
    // Young: an upload in progress writes these before its job row exists.
    const youngKey = uploadKey(DEFAULT_WORKSPACE_ID, randomUUID(), randomUUID(), 'young.csv');
    await app.store.put(youngKey, Readable.from([CSV]));
    const youngUploadKey = uploadKey(DEFAULT_WORKSPACE_ID, randomUUID(), randomUUID(), 'still-uploading.csv');
    const youngUploadId = await startMultipart(youngUploadKey);

    const keysOf = async (jobId: string) => (await app.store.list(jobPrefix(DEFAULT_WORKSPACE_ID, jobId))).map((o) => o.key);
    const liveKeys = await keysOf(live.id);
    const expiredKeys = await keysOf(expired.id);
    const abandonedKeys = await keysOf(abandoned.id);
    expect([liveKeys, expiredKeys, abandonedKeys].map((k) => k.length >= 4)).toEqual([true, true, true]);
    const before = await app.store.list('');
    const uploadsBefore = await app.store.listIncompleteUploads('');

    const { runId, outcome } = await triggerAndWait();

    const after = new Set((await app.store.list('')).map((o) => o.key));
    const deleted = before.filter((o) => !after.has(o.key));
    const deletedKeys = deleted.map((o) => o.key);
    const orphans = [orphanKey, otherWorkspaceOrphanKey, legacyOrphanKey];
    expect(deletedKeys).toEqual(expect.arrayContaining([...orphans, ...expiredKeys, ...abandonedKeys]));
    for (const kept of [youngKey, inboxKey, workspaceInboxKey, ...liveKeys]) expect(after.has(kept)).toBe(true);
    // Anything else that went was debris of earlier suites: objects of no job, or of an expired one.
    const others = [...new Set(deletedKeys.filter((k) => ![...orphans, ...expiredKeys, ...abandonedKeys].includes(k)).map((k) => jobIdOfKey(k) as string))];
    const otherJobs = await app.db.repositories.jobs.statusesAcrossWorkspaces(others);
    expect(otherJobs.every((j) => j.status === 'expired')).toBe(true);

    const remaining = await app.store.listIncompleteUploads('');
    expect(remaining.map((u) => u.uploadId)).toContain(youngUploadId);
    expect(remaining.map((u) => u.uploadId)).toContain(inboxUploadId);
    expect(remaining.map((u) => u.uploadId)).not.toContain(staleUploadId);
    const aborted = uploadsBefore.filter((u) => !remaining.some((r) => r.uploadId === u.uploadId));
    expect(aborted.find((u) => u.uploadId === staleUploadId)?.bytes).toBe(PART);

    expect(outcome).toMatchObject({
      filesDeleted: deleted.length,
      bytesDeleted: deleted.reduce((sum, o) => sum + o.size, 0),
      uploadsAborted: aborted.length,
      uploadBytesAborted: aborted.reduce((sum, u) => sum + u.bytes, 0),
      jobsExpired: 1,
    });
    expect(await app.db.jobStatus(abandoned.id)).toBe('expired');
    expect(await app.db.jobStatus(live.id)).toBe('partial');
    expect((await fetch(`${app.baseUrl}/api/jobs/${abandoned.id}/download`)).status).toBe(410);
    expect((await fetch(`${app.baseUrl}/api/jobs/${live.id}/download`)).status).toBe(200);

    const recorded = await app.db.repositories.storageSweeps.byRun(runId);
    expect(recorded).toMatchObject({ filesDeleted: outcome.filesDeleted, bytesDeleted: outcome.bytesDeleted, uploadsAborted: outcome.uploadsAborted, jobsExpired: 1 });

    const usage = (await (await fetch(`${app.baseUrl}/api/storage`)).json()) as StorageUsageView;
    const remainingOfJobs = remaining.filter((u) => jobIdOfKey(u.key) !== null);
    expect(usage).toMatchObject({
      lastCleanup: recorded?.finishedAt.toISOString(),
      filesCleanedLastRun: outcome.filesDeleted,
      bytesCleanedLastRun: outcome.bytesDeleted + outcome.uploadBytesAborted,
      uploadsAbortedLastRun: outcome.uploadsAborted,
      // Uploads into jobs only: an inbox's are the sender's business.
      incompleteUploads: { count: remainingOfJobs.length, bytes: remainingOfJobs.reduce((sum, u) => sum + u.bytes, 0) },
    });
    expect(usage.incompleteUploads.bytes).toBeGreaterThanOrEqual(PART);
    const next = new Date(usage.nextCleanup ?? 0).getTime();
    expect(next).toBeGreaterThan(Date.now() - 5000);
    expect(next).toBeLessThanOrEqual(Date.now() + HOUR_MS);

    await app.store.abortIncompleteUpload(youngUploadKey, youngUploadId);
    await app.store.abortIncompleteUpload(inboxUploadKey, inboxUploadId);
    await app.store.deleteKeys([workspaceInboxKey]);
    await app.store.deleteKeys([youngKey, inboxKey]);
  });

  it('sweeps again without finding anything new: a second run removes nothing of what stayed', async () => {
    const { outcome } = await triggerAndWait();
    expect(outcome).toMatchObject({ filesDeleted: 0, uploadsAborted: 0, jobsExpired: 0 });
  });
});
