import { randomUUID } from 'node:crypto';

import type { DailyMetricRow, DatasetDefinition, JobSpec, PipelineDefinition } from '@sluice/contracts';
import { workflowIdForJob } from '@sluice/contracts';
import type { NewJob } from '@sluice/db';
import { TestDatabase } from '@sluice/db/testing';

/**
 * Workspaces are enforced in libs/db: every repository method takes the workspace, and one acting
 * for workspace B never returns, changes or deletes workspace A's rows, even given their ids and names.
 */
describe('workspace isolation in the repositories', () => {
  let db: TestDatabase;
  let A: string;
  let B: string;
  // Letters only, as other suites match listed dataset names with [a-z_].
  const suffix = randomUUID()
    .replace(/[^a-f]/g, '')
    .padEnd(8, 'x')
    .slice(0, 8);
  const shared = (label: string): DatasetDefinition => ({
    name: `iso_shared_${suffix}`,
    label,
    fields: [
      { name: 'key', type: 'string', required: true },
      { name: 'day', type: 'date', required: false },
      { name: 'amount', type: 'int', required: false },
    ],
  });
  const onlyA: DatasetDefinition = {
    name: `iso_only_a_${suffix}`,
    label: 'Only A',
    fields: [
      { name: 'key', type: 'string', required: true },
      { name: 'score', type: 'int', required: false },
    ],
  };
  const pipelineA: PipelineDefinition = {
    name: `iso_pipe_${suffix}`,
    label: 'A pipeline',
    base: shared('').name,
    joins: [{ dataset: onlyA.name, type: 'left', on: [{ left: 'key', right: 'key' }], columns: [{ field: 'score', aggregate: 'sum' }] }],
  };
  const scheduleA = `iso-${suffix}`;
  const jobA = randomUUID();
  const uploadA = randomUUID();
  const endpointA = randomUUID();
  const url = `https://hooks.example.com/${suffix}`;

  const spec = async (workspaceId: string): Promise<JobSpec> => {
    const resolved = await db.repositories.jobSpecs.dataset(workspaceId, shared('').name);
    if (!resolved.ok) throw new Error('the shared dataset does not resolve');
    return resolved.spec;
  };
  const newJob = async (workspaceId: string, id: string, delivery?: NewJob['delivery']): Promise<NewJob> => ({
    id,
    workflowId: workflowIdForJob(id),
    dataset: shared('').name,
    retentionHours: 1,
    files: [{ uploadId: id === jobA ? uploadA : randomUUID(), fileName: 'a.csv', objectKey: `workspaces/${workspaceId}/jobs/${id}/uploads/a.csv`, sizeBytes: 10 }],
    delivery,
    spec: await spec(workspaceId),
  });
  const metricRows = (keys: bigint[]): DailyMetricRow[] => [
    { day: '2026-02-02', metric: 'people', dimension: '', dimensionValue: '', sum: 0, count: keys.length, min: null, max: null, distinctKeys: keys },
  ];
  const contribution = (jobId: string, keys: bigint[]) => ({
    jobId,
    contributorId: jobId,
    source: shared('').name,
    rows: metricRows(keys),
    summary: { source: shared('').name, rows: 1, rowsWithoutDate: 0, days: 1, firstDay: '2026-02-02', lastDay: '2026-02-02' },
  });
  const periodCount = async (workspaceId: string) =>
    (
      await db.sql<{ distinctCount: number }>`SELECT "distinctCount" FROM "MetricPeriodDistinct"
        WHERE "workspaceId" = ${workspaceId}::uuid AND source = ${shared('').name} AND granularity = 'month'`
    )[0]?.distinctCount ?? null;
  const jobRowOfA = () => db.client.job.findUniqueOrThrow({ where: { id: jobA }, include: { uploads: true, delivery: true, invalidRows: true } });

  beforeAll(async () => {
    db = new TestDatabase();
    A = await db.createWorkspace(`Isolation A ${suffix}`);
    B = await db.createWorkspace(`Isolation B ${suffix}`);
    const { datasets, pipelines, jobs, webhookEndpoints, schedules, metrics, deliveries } = db.repositories;
    // Both have a dataset of the same name, each its own; only A has the others.
    await datasets.save(A, shared('Shared, as A has it'), 'test');
    await datasets.save(B, shared('Shared, as B has it'), 'test');
    await datasets.save(A, onlyA, 'test');
    await pipelines.save(A, pipelineA);
    await webhookEndpoints.ensure(A, url, { id: endpointA, secret: 'whsec_of_a' });
    await jobs.record(A, await newJob(A, jobA, { endpointId: endpointA, url, rateLimit: 7, retryDelaysMs: [1000] }));
    await jobs.addInvalidRows(A, [{ jobId: jobA, uploadId: uploadA, line: 2, error: 'bad', cells: ['x'] }]);
    await deliveries.recordFailure(A, jobA, 0, { attempts: 1, lastStatus: 500, lastError: 'down' });
    await deliveries.openAckCheckpoint(A, jobA, 0);
    await schedules.create(A, { id: scheduleA, source: shared('').name, prefix: `workspaces/${A}/inbox/x/`, cron: '0 6 * * 1', timeZone: 'UTC', retentionHours: 1 });
    await db.sql`UPDATE "Job" SET "scheduleId" = ${scheduleA} WHERE id = ${jobA}::uuid`;
    await metrics.replaceContribution(A, contribution(jobA, [1n, 2n, 3n]));
  });

  afterAll(async () => {
    if (!db) return;
    for (const id of [A, B].filter(Boolean)) {
      await db.sql`DELETE FROM "Job" WHERE "workspaceId" = ${id}::uuid`;
      await db.sql`DELETE FROM "MetricDaily" WHERE "workspaceId" = ${id}::uuid`;
      await db.sql`DELETE FROM "WebhookEndpoint" WHERE "workspaceId" = ${id}::uuid`;
      await db.sql`DELETE FROM "InboxSchedule" WHERE "workspaceId" = ${id}::uuid`;
      await db.sql`DELETE FROM "PipelineConfig" WHERE "workspaceId" = ${id}::uuid`;
      await db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${id}::uuid`;
      await db.sql`DELETE FROM "Workspace" WHERE id = ${id}::uuid`;
    }
    await db.disconnect();
  });

  it("jobs: B reads none of A's job, its files or invalid rows, by id or in lists", async () => {
    const { jobs } = db.repositories;
    expect(await jobs.exists(B, jobA)).toBe(false);
    expect(await jobs.stored(B, jobA)).toBeNull();
    expect(await jobs.detail(B, jobA)).toBeNull();
    await expect(jobs.spec(B, jobA)).rejects.toThrow();
    expect((await jobs.list(B, { page: 1, pageSize: 100 })).items.map((j) => j.id)).not.toContain(jobA);
    expect(await jobs.firstInvalidRows(B, jobA, 10)).toEqual({ total: 0, items: [] });
    expect((await jobs.invalidRows(B, jobA, 1, 10)).total).toBe(0);
    expect(await jobs.invalidRowsAfter(B, jobA, null, 10)).toEqual([]);
    expect(await jobs.resultsOwner(B, jobA)).toBeNull();
    expect(await jobs.statuses(B, [jobA])).toEqual([]);
    expect(await jobs.latestOfSchedule(B, scheduleA, 10)).toEqual([]);
    expect((await jobs.fileNames(B, jobA)).size).toBe(0);
    // A sees its own through the same methods.
    expect(await jobs.exists(A, jobA)).toBe(true);
    expect((await jobs.list(A, { page: 1, pageSize: 100 })).items.map((j) => j.id)).toEqual([jobA]);
    expect((await jobs.latestOfSchedule(A, scheduleA, 10)).map((j) => j.id)).toEqual([jobA]);
  });

  it("jobs: B changes and deletes nothing of A's job", async () => {
    const { jobs } = db.repositories;
    const before = await jobRowOfA();
    await expect(jobs.markProcessing(B, jobA)).rejects.toThrow();
    await expect(jobs.markExpired(B, jobA)).rejects.toThrow();
    await expect(jobs.finish(B, { jobId: jobA, status: 'processed', files: [], aggregations: null, merge: null, cleaned: {}, error: null, retentionMs: 1 })).rejects.toThrow();
    await expect(jobs.setFileDataset(B, uploadA, 'elsewhere')).rejects.toThrow();
    await expect(jobs.saveProgress(B, jobA, uploadA, 99)).rejects.toThrow();
    await expect(jobs.addInvalidRows(B, [{ jobId: jobA, uploadId: uploadA, line: 3, error: 'planted', cells: [] }])).rejects.toThrow();
    await jobs.clearInvalidRows(B, jobA, uploadA);
    await jobs.delete(B, jobA);
    expect(await jobRowOfA()).toEqual(before);
    // Nor can B record a job that delivers to A's endpoint (and so signs with A's secret).
    const borrowing = randomUUID();
    await expect(jobs.record(B, await newJob(B, borrowing, { endpointId: endpointA, url, rateLimit: null, retryDelaysMs: [] }))).rejects.toThrow();
    expect(await jobs.exists(B, borrowing)).toBe(false);
  });

  it('datasets: names are per workspace, and B neither sees nor changes A’s versions', async () => {
    const { datasets } = db.repositories;
    expect((await datasets.current(B, shared('').name))?.definition.label).toBe('Shared, as B has it');
    expect((await datasets.current(A, shared('').name))?.definition.label).toBe('Shared, as A has it');
    expect(await datasets.current(B, onlyA.name)).toBeNull();
    expect(await datasets.version(B, onlyA.name, 1)).toBeNull();
    expect(await datasets.versions(B, onlyA.name)).toBeNull();
    expect(Object.keys(await datasets.currentOf(B, [onlyA.name, shared('').name]))).toEqual([shared('').name]);
    // (An API starting meanwhile gives B the presets too: only A's own names matter here.)
    const listed = (await datasets.list(B)).map((d) => d.definition.name);
    expect(listed).toContain(shared('').name);
    expect(listed).not.toContain(onlyA.name);
    expect(await datasets.any(B)).toBe(true);
    // B saving "onlyA" makes B's own version 1; A's stays where it was.
    expect(await datasets.save(B, { ...onlyA, label: 'B took the name' }, 'test')).toMatchObject({ version: 1 });
    expect((await datasets.current(A, onlyA.name))?.definition.label).toBe('Only A');
    await datasets.installPreset(B, { ...onlyA, label: 'A preset in B' });
    expect((await datasets.versions(A, onlyA.name))?.length).toBe(1);
    await db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${B}::uuid AND name = ${onlyA.name}`;
  });

  it("pipelines and job specs: B resolves none of A's pipeline and removes nothing of it", async () => {
    const { pipelines, jobSpecs } = db.repositories;
    expect(await pipelines.current(B, pipelineA.name)).toBeNull();
    expect(await pipelines.exists(B, pipelineA.name)).toBe(false);
    expect(await pipelines.versions(B, pipelineA.name)).toBeNull();
    expect(await pipelines.version(B, pipelineA.name, 1)).toBeNull();
    expect((await pipelines.list(B)).map((p) => p.definition.name)).not.toContain(pipelineA.name);
    expect(await pipelines.names(B)).not.toContain(pipelineA.name);
    expect(await pipelines.remove(B, pipelineA.name)).toBe(false);
    expect(await pipelines.exists(A, pipelineA.name)).toBe(true);
    expect(await jobSpecs.resolve(B, pipelineA.name)).toEqual({ ok: false, reason: 'unknown' });
    expect(await jobSpecs.pipeline(B, pipelineA.name)).toEqual({ ok: false, reason: 'unknown' });
    // A's pipeline resolves against A's datasets only.
    const resolved = await jobSpecs.resolve(A, pipelineA.name);
    expect(resolved.ok && resolved.spec.kind === 'pipeline' && resolved.spec.datasets[shared('').name].definition.label).toBe('Shared, as A has it');
    await pipelines.installPreset(B, { ...pipelineA, label: 'A preset in B' });
    expect((await pipelines.current(A, pipelineA.name))?.definition.label).toBe('A pipeline');
    await pipelines.remove(B, pipelineA.name);
  });

  it("schedules: B reads, retimes and removes none of A's", async () => {
    const { schedules } = db.repositories;
    expect(await schedules.get(B, scheduleA)).toBeNull();
    expect(await schedules.list(B)).toEqual([]);
    expect(await schedules.idsOfSource(B, shared('').name)).toEqual([]);
    await expect(schedules.setTiming(B, scheduleA, { cron: '* * * * *', timeZone: 'UTC' })).rejects.toThrow();
    await schedules.remove(B, scheduleA);
    expect(await schedules.get(A, scheduleA)).toMatchObject({ cron: '0 6 * * 1' });
    expect(await schedules.idTakenAcrossWorkspaces(scheduleA)).toBe(true);
  });

  it('metrics: parts, sources, spans and per-period distinct counts are per workspace', async () => {
    const { metrics, jobs } = db.repositories;
    const query = {
      source: shared('').name,
      metrics: [{ name: 'people', op: 'count_distinct' as const, field: 'key' }],
      granularity: 'month' as const,
      dimension: '',
      from: '2026-02-01',
      to: '2026-02-28',
    };
    expect((await metrics.partsByPeriod(B, query)).size).toBe(0);
    expect((await metrics.partsByPeriod(A, query)).get('2026-02-01')?.get('')?.get('people')).toMatchObject({ count: 3, distinct: 3 });
    expect(await metrics.span(B, shared('').name)).toEqual({ firstDay: null, lastDay: null });
    expect(await metrics.sourceConfig(B, pipelineA.name)).toBeNull();
    // B records the same source with overlapping keys: each workspace counts its own.
    const jobB = randomUUID();
    await jobs.record(B, await newJob(B, jobB));
    await metrics.replaceContribution(B, contribution(jobB, [3n, 4n]));
    expect([await periodCount(A), await periodCount(B)]).toEqual([3, 2]);
    // Recording for A's job from B fails, and A's contribution stays.
    await expect(metrics.replaceContribution(B, contribution(jobA, [9n]))).rejects.toThrow();
    expect([await periodCount(A), await periodCount(B)]).toEqual([3, 2]);
    await db.sql`DELETE FROM "MetricDaily" WHERE "workspaceId" = ${B}::uuid`;
    expect([await periodCount(A), await periodCount(B)]).toEqual([3, null]);
  });

  it("deliveries: B reads and changes nothing of A's job's delivery", async () => {
    const { deliveries } = db.repositories;
    const before = await jobRowOfA();
    await expect(deliveries.deliveryTarget(B, jobA)).rejects.toThrow();
    expect(await deliveries.reserveSendSlots(B, jobA, 1)).toBeNull();
    await expect(deliveries.setRateLimit(B, jobA, null)).rejects.toThrow();
    await expect(deliveries.openAckCheckpoint(B, jobA, 1)).rejects.toThrow();
    await expect(deliveries.saveAcked(B, jobA, 0, [[0, 5]])).rejects.toThrow();
    await expect(deliveries.saveBatchProgress(B, jobA, 0, { delivered: 5, currentRate: 1 })).rejects.toThrow();
    await expect(deliveries.saveCurrentRate(B, jobA, 3)).rejects.toThrow();
    await expect(deliveries.recordFailure(B, jobA, 1, { attempts: 1, lastStatus: null, lastError: 'planted' })).rejects.toThrow();
    expect(await deliveries.outstandingFailures(B, jobA)).toEqual([]);
    expect(await deliveries.countOutstandingFailures(B, jobA)).toBe(0);
    await expect(deliveries.markDelivering(B, jobA, 10)).rejects.toThrow();
    await expect(deliveries.markRedelivering(B, jobA)).rejects.toThrow();
    await expect(deliveries.markRedelivered(B, jobA, 0)).rejects.toThrow();
    await expect(deliveries.outcomeFacts(B, jobA)).rejects.toThrow();
    await expect(deliveries.settle(B, jobA, { state: 'delivered', error: null, finishedAt: new Date(), expiresAt: new Date() })).rejects.toThrow();
    expect(await deliveries.deliveryModeOf(B, jobA)).toBeNull();
    expect(await deliveries.progress(B, jobA)).toBeNull();
    expect(await deliveries.listFailed(B, jobA, { skip: 0, take: 10 })).toEqual({ total: 0, rows: [] });
    expect(await jobRowOfA()).toEqual(before);
    expect(await db.client.deliveryBatch.findMany({ where: { jobId: jobA } })).toMatchObject([{ index: 0, delivered: 0, acked: [] }]);
    expect(await db.client.failedDelivery.findMany({ where: { jobId: jobA } })).toMatchObject([{ recordIndex: 0, lastError: 'down' }]);
    // A still reaches its own.
    expect(await deliveries.deliveryTarget(A, jobA)).toMatchObject({ url, secret: 'whsec_of_a' });
    expect(await deliveries.countOutstandingFailures(A, jobA)).toBe(1);
  });

  it("webhook endpoints: B gets its own endpoint for the same URL and never A's secret", async () => {
    const { webhookEndpoints } = db.repositories;
    expect(await webhookEndpoints.list(B)).toEqual([]);
    expect(await webhookEndpoints.find(B, endpointA)).toBeNull();
    await expect(webhookEndpoints.setSecret(B, endpointA, 'whsec_planted')).rejects.toThrow();
    await expect(webhookEndpoints.deleteWithJobs(B, endpointA)).rejects.toThrow();
    const ofB = await webhookEndpoints.ensure(B, url, { id: randomUUID(), secret: 'whsec_of_b' });
    expect(ofB.id).not.toBe(endpointA);
    expect(ofB.secret).toBe('whsec_of_b');
    expect(await webhookEndpoints.find(A, endpointA)).toMatchObject({ secret: 'whsec_of_a' });
    expect((await webhookEndpoints.list(A)).map((e) => e.id)).toEqual([endpointA]);
  });
});
