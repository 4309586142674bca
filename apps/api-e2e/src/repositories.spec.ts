import { randomUUID } from 'node:crypto';

import type { DatasetDefinition, DailyMetricRow, PipelineDefinition } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, workflowIdForJob } from '@sluice/contracts';
import { classifyDatabaseError } from '@sluice/db';
import { TestDatabase } from '@sluice/db/testing';

/** The workspace every repository call here acts on (isolation has its own spec). */
const WS = DEFAULT_WORKSPACE_ID;

/** The repositories of libs/db against the real Postgres of the test stack, where they hold logic of their own. */
describe('libs/db repositories', () => {
  let db: TestDatabase;
  // Letters only: other suites match the listed dataset names with [a-z_].
  const suffix = randomUUID()
    .replace(/[^a-f]/g, '')
    .padEnd(8, 'x')
    .slice(0, 8);
  const left: DatasetDefinition = {
    name: `rt_left_${suffix}`,
    label: 'Left',
    fields: [
      { name: 'key', type: 'string', required: true },
      { name: 'amount', type: 'int', required: false },
    ],
  };
  const right: DatasetDefinition = {
    name: `rt_right_${suffix}`,
    label: 'Right',
    fields: [
      { name: 'key', type: 'string', required: true },
      { name: 'score', type: 'int', required: false },
    ],
  };
  const pipeline = (label: string): PipelineDefinition => ({
    name: `rt_pipe_${suffix}`,
    label,
    base: left.name,
    joins: [{ dataset: right.name, type: 'left', on: [{ left: 'key', right: 'key' }], columns: [{ field: 'score', aggregate: 'sum' }] }],
  });

  beforeAll(async () => {
    db = new TestDatabase();
    for (const dataset of [left, right]) await db.repositories.datasets.save(WS, dataset, 'test');
  });

  afterAll(async () => {
    if (!db) return;
    await db.repositories.pipelines.remove(WS, pipeline('').name);
    // Datasets cannot be deleted through Sluice: these go so that no other suite lists them.
    await db.sql`DELETE FROM "DatasetConfig" WHERE name IN (${left.name}, ${right.name})`;
    await db.disconnect();
  });

  it('versions pipelines like datasets: a preset moves with releases until someone saves over it, and an unchanged save adds nothing', async () => {
    const { pipelines } = db.repositories;
    await pipelines.installPreset(WS, pipeline('v1'));
    await pipelines.installPreset(WS, pipeline('v1'));
    expect(await pipelines.current(WS, pipeline('').name)).toMatchObject({ version: 1, origin: 'preset', definition: pipeline('v1') });
    await pipelines.installPreset(WS, pipeline('v2, shipped'));
    expect(await pipelines.current(WS, pipeline('').name)).toMatchObject({ version: 2, origin: 'preset' });
    expect((await pipelines.save(WS, pipeline('v3, saved'))).version).toBe(3);
    expect((await pipelines.save(WS, pipeline('v3, saved'))).version).toBe(3);
    await pipelines.installPreset(WS, pipeline('v4, shipped after the user saved'));
    expect(await pipelines.current(WS, pipeline('').name)).toMatchObject({ version: 3, origin: 'custom', definition: pipeline('v3, saved') });
    expect((await pipelines.versions(WS, pipeline('').name))?.map((v) => [v.version, v.origin, v.current])).toEqual([
      [3, 'update', true],
      [2, 'preset update', false],
      [1, 'preset', false],
    ]);
    expect((await pipelines.version(WS, pipeline('').name, 1))?.label).toBe('v1');
  });

  it("resolves a pipeline into a spec with its own and its datasets' real versions, and refuses it once a dataset no longer fits", async () => {
    const { jobSpecs, datasets } = db.repositories;
    await db.repositories.pipelines.save(WS, pipeline('resolved'));
    const resolved = await jobSpecs.resolve(WS, pipeline('').name);
    if (!resolved.ok || resolved.spec.kind !== 'pipeline') throw new Error(`expected a pipeline spec, got ${JSON.stringify(resolved)}`);
    const current = await db.repositories.pipelines.current(WS, pipeline('').name);
    expect(resolved.spec.pipeline).toEqual({ name: pipeline('').name, version: current?.version, definition: pipeline('resolved') });
    expect(resolved.spec.datasets[right.name]).toEqual(await datasets.current(WS, right.name));
    expect(await jobSpecs.dataset(WS, pipeline('').name)).toEqual({ ok: false, reason: 'unknown' });
    expect(await jobSpecs.resolve(WS, `nothing_${suffix}`)).toEqual({ ok: false, reason: 'unknown' });

    // The joined field goes: the pipeline no longer fits, and says where.
    await datasets.save(WS, { ...right, fields: [right.fields[0]] }, 'test');
    const misfit = await jobSpecs.pipeline(WS, pipeline('').name);
    expect(misfit).toMatchObject({ ok: false, reason: 'misfit', problems: [{ path: 'joins.0.columns.0.field' }] });
    await datasets.save(WS, right, 'test');
  });

  it('stores the spec a job was launched with and reads it back typed; a second record of the same job is a conflict', async () => {
    const id = randomUUID();
    const job = { id, dataset: left.name, workflowId: workflowIdForJob(id), retentionHours: 1, files: [] };
    await db.recordDatasetJob(job);
    expect(await db.repositories.jobs.spec(WS, id)).toEqual({ kind: 'dataset', dataset: await db.repositories.datasets.current(WS, left.name), delivery: null });
    const again = await db.recordDatasetJob(job).catch((error: unknown) => error);
    expect(classifyDatabaseError(again)?.kind).toBe('conflict');
    await db.repositories.jobs.delete(WS, id);
  });

  it('replaces a contribution as a whole, so recording again never double counts, and keeps the summary on the job', async () => {
    const id = randomUUID();
    await db.recordDatasetJob({ id, dataset: left.name, workflowId: workflowIdForJob(id), retentionHours: 1, files: [] });
    const rows = (days: string[]): DailyMetricRow[] => days.map((day) => ({ day, metric: 'amount', dimension: '', dimensionValue: '', sum: 5, count: 1, min: 5, max: 5 }));
    const summary = (days: string[]) => ({ source: left.name, rows: days.length, rowsWithoutDate: 0, days: days.length, firstDay: days[0], lastDay: days[days.length - 1] });
    const contribution = (days: string[]) => ({ jobId: id, contributorId: id, source: left.name, rows: rows(days), summary: summary(days) });
    await db.repositories.metrics.replaceContribution(WS, contribution(['2026-01-05', '2026-01-06']));
    await db.repositories.metrics.replaceContribution(WS, contribution(['2026-01-06', '2026-01-07']));
    const parts = await db.repositories.metrics.partsByPeriod(WS, {
      source: left.name,
      metrics: [{ name: 'amount', op: 'sum', field: 'amount' }],
      granularity: 'week',
      dimension: '',
      from: '2026-01-05',
      to: '2026-01-11',
    });
    expect(parts.get('2026-01-05')?.get('')?.get('amount')).toMatchObject({ sum: 10, count: 2 });
    expect(await db.repositories.metrics.span(WS, left.name)).toEqual({ firstDay: '2026-01-06', lastDay: '2026-01-07' });
    expect((await db.repositories.jobs.detail(WS, id))?.metrics).toEqual(summary(['2026-01-06', '2026-01-07']));
    await db.sql`DELETE FROM "MetricDaily" WHERE source = ${left.name}`;
    await db.repositories.jobs.delete(WS, id);
  });

  it('refuses to read a JSON column that does not have its shape, naming the column', async () => {
    const id = randomUUID();
    await db.recordDatasetJob({ id, dataset: left.name, workflowId: workflowIdForJob(id), retentionHours: 1, files: [] });
    await db.sql`UPDATE "Job" SET "mergeStats" = '{"rowsIn": "many"}'::jsonb WHERE id = ${id}::uuid`;
    await expect(db.repositories.jobs.detail(WS, id)).rejects.toThrow(/Stored Job.mergeStats/);
    await db.repositories.jobs.delete(WS, id);
  });
});
