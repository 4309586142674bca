import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import type { DatasetDefinition, JobSpec, PipelineDefinition, StorageUsageView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, workflowIdForJob } from '@sluice/contracts';
import { inboxPrefix, uploadKey } from '@sluice/storage';

import { readEvents } from './support/server-sent-events';
import { SluiceApp, startSluice } from './support/sluice-app';

/**
 * Another workspace's rows through the API: until sign-in exists every caller acts in the default
 * workspace, so these ask for a second workspace's ids and names, put there straight through the
 * repositories, and must get exactly what a missing id gets (the message names the id asked for).
 */
describe("the API acting in one workspace against another workspace's rows", () => {
  let app: SluiceApp;
  let B: string;
  const suffix = randomUUID()
    .replace(/[^a-f]/g, '')
    .padEnd(8, 'x')
    .slice(0, 8);
  const datasetB: DatasetDefinition = {
    name: `isob_people_${suffix}`,
    label: 'People of B',
    fields: [
      { name: 'key', type: 'string', required: true },
      { name: 'score', type: 'int', required: false },
    ],
  };
  const otherB: DatasetDefinition = { ...datasetB, name: `isob_scores_${suffix}`, label: 'Scores of B' };
  const pipelineB: PipelineDefinition = {
    name: `isob_pipe_${suffix}`,
    label: 'Pipeline of B',
    base: datasetB.name,
    joins: [{ dataset: otherB.name, type: 'left', on: [{ left: 'key', right: 'key' }], columns: [{ field: 'score', aggregate: 'sum' }] }],
  };
  const jobB = randomUUID();
  const uploadB = randomUUID();
  const endpointB = randomUUID();
  const scheduleB = `isob-${suffix}`;
  const objectKey = () => uploadKey(B, jobB, uploadB, 'b.csv');

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.baseUrl}/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  beforeAll(async () => {
    app = await startSluice();
    B = await app.db.createWorkspace(`API isolation ${suffix}`);
    const { datasets, pipelines, jobs, webhookEndpoints, schedules, jobSpecs } = app.db.repositories;
    await datasets.save(B, datasetB, 'test');
    await datasets.save(B, otherB, 'test');
    await pipelines.save(B, pipelineB);
    const endpoint = await webhookEndpoints.ensure(B, `https://hooks.example.com/${suffix}`, { id: endpointB, secret: 'whsec_of_b' });
    const resolved = await jobSpecs.dataset(B, datasetB.name);
    if (!resolved.ok) throw new Error('dataset of B does not resolve');
    const spec: JobSpec = resolved.spec;
    await app.store.put(objectKey(), Readable.from(['key,score\nk,1\n']));
    await jobs.record(B, {
      id: jobB,
      workflowId: workflowIdForJob(jobB),
      dataset: datasetB.name,
      datasetVersion: 1,
      retentionHours: 1,
      files: [{ uploadId: uploadB, fileName: 'b.csv', objectKey: objectKey(), sizeBytes: 14 }],
      delivery: { endpointId: endpoint.id, url: endpoint.url, rateLimit: 5, retryDelaysMs: [] },
      spec,
    });
    await app.db.sql`UPDATE "Job" SET status = 'processed', "finishedAt" = now(), "expiresAt" = now() + interval '1 hour' WHERE id = ${jobB}::uuid`;
    await schedules.create(B, { id: scheduleB, source: datasetB.name, prefix: inboxPrefix(B, datasetB.name), cron: '0 6 * * 1', timeZone: 'UTC', retentionHours: 1 });
  });

  afterAll(async () => {
    if (B) {
      await app.store.deleteKeys([objectKey()]);
      await app.db.sql`DELETE FROM "Job" WHERE "workspaceId" = ${B}::uuid`;
      await app.db.sql`DELETE FROM "WebhookEndpoint" WHERE "workspaceId" = ${B}::uuid`;
      await app.db.sql`DELETE FROM "InboxSchedule" WHERE "workspaceId" = ${B}::uuid`;
      await app.db.sql`DELETE FROM "PipelineConfig" WHERE "workspaceId" = ${B}::uuid`;
      await app.db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${B}::uuid`;
      await app.db.sql`DELETE FROM "Workspace" WHERE id = ${B}::uuid`;
    }
    await app?.close();
  });

  it('answers an id or name of the other workspace exactly like a missing one, and changes nothing', async () => {
    const missingJob = randomUUID();
    const missingName = `isob_none_${suffix}`;
    const missingSchedule = `isob-none-${suffix}`;
    // [method, path with {id}, what stands for {id} in the other workspace, what is missing, body]
    const routes: [string, string, string, string, unknown?][] = [
      ['GET', '/jobs/{id}', jobB, missingJob],
      ['GET', '/jobs/{id}/download', jobB, missingJob],
      ['GET', '/jobs/{id}/invalid-rows', jobB, missingJob],
      ['POST', '/jobs/{id}/rerun', jobB, missingJob],
      ['PUT', '/jobs/{id}/rate', jobB, missingJob, { rateLimit: 1 }],
      ['GET', '/jobs/{id}/deliveries/failed', jobB, missingJob],
      ['POST', '/jobs/{id}/deliveries/retry-failed', jobB, missingJob],
      ['GET', '/webhooks/{id}', endpointB, missingJob],
      ['POST', '/webhooks/{id}/rotate-secret', endpointB, missingJob],
      ['GET', '/schedules/{id}', scheduleB, missingSchedule],
      ['PATCH', '/schedules/{id}', scheduleB, missingSchedule, { paused: true }],
      ['POST', '/schedules/{id}/trigger', scheduleB, missingSchedule],
      ['DELETE', '/schedules/{id}', scheduleB, missingSchedule],
      ['GET', '/pipelines/{id}', pipelineB.name, missingName],
      ['GET', '/pipelines/{id}/versions', pipelineB.name, missingName],
      ['GET', '/pipelines/{id}/versions/1', pipelineB.name, missingName],
      ['DELETE', '/pipelines/{id}', pipelineB.name, missingName],
      ['GET', '/datasets/{id}', datasetB.name, missingName],
      ['GET', '/datasets/{id}/versions', datasetB.name, missingName],
      ['GET', '/datasets/{id}/versions/1', datasetB.name, missingName],
      ['POST', '/datasets/{id}/versions/1/restore', datasetB.name, missingName],
      ['POST', '/datasets/{id}/synonyms', datasetB.name, missingName, { synonyms: [{ field: 'key', header: 'Key' }] }],
      ['POST', '/datasets/{id}/preview', datasetB.name, missingName, { headers: ['key'] }],
    ];
    for (const [method, path, other, missing, body] of routes) {
      const theirs = await call(method, path.replace('{id}', other), body);
      const none = await call(method, path.replace('{id}', missing), body);
      expect({ route: `${method} ${path}`, status: theirs.status }).toEqual({ route: `${method} ${path}`, status: 404 });
      expect(JSON.parse(JSON.stringify(theirs.body).split(other).join(missing))).toEqual(none.body);
    }
    const { jobs, schedules, pipelines, datasets, webhookEndpoints } = app.db.repositories;
    expect(await jobs.detail(B, jobB)).toMatchObject({ status: 'processed' });
    expect(await schedules.get(B, scheduleB)).toMatchObject({ cron: '0 6 * * 1' });
    expect(await pipelines.exists(B, pipelineB.name)).toBe(true);
    expect((await datasets.versions(B, datasetB.name))?.length).toBe(1);
    expect(await webhookEndpoints.find(B, endpointB)).toMatchObject({ secret: 'whsec_of_b' });
    expect((await app.db.client.jobDelivery.findUniqueOrThrow({ where: { jobId: jobB } })).rateLimit).toBe(5);
  });

  it("lists none of the other workspace's jobs, endpoints, schedules, pipelines, datasets, metric sources or stored objects", async () => {
    const listed = JSON.stringify(
      await Promise.all(['/jobs?pageSize=100', '/webhooks', '/schedules', '/pipelines', '/datasets', '/datasets/export', '/metrics/sources'].map((path) => call('GET', path))),
    );
    for (const theirs of [jobB, endpointB, scheduleB, pipelineB.name, datasetB.name, otherB.name, 'whsec_of_b']) expect(listed).not.toContain(theirs);
    const usage = (await call('GET', '/storage')).body as StorageUsageView;
    expect(usage.jobs.map((j) => j.jobId)).not.toContain(jobB);
    expect(JSON.stringify(usage)).not.toContain(B);
  });

  it("pushes no change of the other workspace's jobs on the event stream", async () => {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 20_000);
    const ownJob = randomUUID();
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const ids = (events: { type: string; data: unknown }[]) => events.flatMap((e) => (e.type === 'jobs' ? (e.data as { ids: string[] }).ids : []));
    const stream = readEvents(
      `${app.baseUrl}/api/events/jobs`,
      (events) => {
        if (events.some((e) => e.type === 'ready')) markReady();
        return ids(events).includes(ownJob);
      },
      abort.signal,
    );
    await Promise.race([ready, stream]);
    // The other workspace's change is announced first: were it forwarded, it would arrive before ours.
    await app.db.sql`UPDATE "Job" SET "rowsProcessed" = "rowsProcessed" + 1 WHERE id = ${jobB}::uuid`;
    await app.db.recordDatasetJob({ id: ownJob, dataset: 'sensor_readings', workflowId: workflowIdForJob(ownJob), retentionHours: 1, files: [] });
    const { events } = await stream;
    clearTimeout(timeout);
    expect(ids(events)).toContain(ownJob);
    expect(ids(events)).not.toContain(jobB);
    await app.db.repositories.jobs.delete(DEFAULT_WORKSPACE_ID, ownJob);
  });
});
