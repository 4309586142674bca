// Recording a large job's daily metrics (a year of readings × 320 sensors × 3 metrics, ~350 k rows,
// and the 117 k) as recordMetrics does, against baselines measured in the same run: the bare
// SQL that inserts as many rows from generate_series, and the createMany pages the repository used
// before. Target: 117 k rows in ~1 s. Postgres runs on the "bench" profile's port.
import { randomUUID } from 'node:crypto';

import type { DailyMetricRow } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { distinctKeyOf } from '@sluice/analytics';
import { TestDatabase } from '@sluice/db/testing';
import { installPresets } from '@sluice/jobs';

import { startBenchDatabase, stopBenchDatabase } from './bench-database';

const FIRST_DAY = Date.UTC(2025, 0, 1);
const SOURCE = 'sensors-bench';
const PAGE = 5000;

/** `days` days × `sensors` sensors of min/max/count readings, plus per-day totals with distinct sensors. */
function dailyRows(days: number, sensors: number): DailyMetricRow[] {
  const rows: DailyMetricRow[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(FIRST_DAY + d * 86_400_000).toISOString().slice(0, 10);
    rows.push({
      day,
      metric: 'sensors',
      dimension: '',
      dimensionValue: '',
      sum: 0,
      count: sensors,
      min: null,
      max: null,
      distinctKeys: Array.from({ length: 20 }, (_, s) => distinctKeyOf(`s${s}`)),
    });
    for (let s = 0; s < sensors; s++) {
      const base = { day, dimension: 'sensor', dimensionValue: `s${String(s).padStart(4, '0')}` };
      rows.push(
        { ...base, metric: 'readings', sum: 0, count: 96, min: null, max: null },
        { ...base, metric: 'temperature', sum: 96 * 21.5, count: 96, min: 12.5 + (s % 5), max: 30 - (d % 7) },
      );
    }
  }
  return rows;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const ownDatabase = !process.env['DATABASE_URL'];
  if (ownDatabase) process.env['DATABASE_URL'] = await startBenchDatabase();
  const db = new TestDatabase();
  await installPresets(db.repositories, DEFAULT_WORKSPACE_ID);
  const jobId = randomUUID();
  await db.recordDatasetJob({ id: jobId, dataset: 'transactions', workflowId: `bench-${jobId}`, retentionHours: 1, files: [] });
  // The path replaceContribution took before, kept here only as a baseline.
  const prisma = db.client;

  for (const [days, sensors] of [
    [365, 160],
    [365, 480],
  ] as const) {
    const rows = dailyRows(days, sensors);
    const summary = { source: SOURCE, rows: rows.length, rowsWithoutDate: 0, days, firstDay: rows[0].day, lastDay: rows[rows.length - 1].day };
    const clear = () => db.sql`DELETE FROM "MetricDaily" WHERE "jobId" = ${jobId}::uuid`;

    await clear();
    const bare = await timed(
      () => db.sql`INSERT INTO "MetricDaily" ("workspaceId", source, "jobId", day, metric, dimension, "dimensionValue", sum, count, min, max, "distinctKeys")
        SELECT ${DEFAULT_WORKSPACE_ID}::uuid, ${SOURCE}, ${jobId}::uuid, DATE '2025-01-01' + (i % ${days}), 'temperature', 'sensor', 's' || (i % ${sensors}), 2064, 96, 12.5, 30, '{}'
        FROM generate_series(1, ${rows.length}) AS i`,
    );
    await clear();
    const paged = await timed(() =>
      prisma.$transaction(
        async (tx) => {
          const data = rows.map((row) => ({
            workspaceId: DEFAULT_WORKSPACE_ID,
            source: SOURCE,
            jobId,
            ...row,
            day: new Date(`${row.day}T00:00:00Z`),
            distinctKeys: row.distinctKeys ?? [],
          }));
          for (let i = 0; i < data.length; i += PAGE) await tx.metricDaily.createMany({ data: data.slice(i, i + PAGE) });
        },
        { timeout: 600_000 },
      ),
    );
    await clear();
    const replaced = await timed(() => db.repositories.metrics.replaceContribution(DEFAULT_WORKSPACE_ID, { jobId, contributorId: jobId, source: SOURCE, rows, summary }));
    const again = await timed(() => db.repositories.metrics.replaceContribution(DEFAULT_WORKSPACE_ID, { jobId, contributorId: jobId, source: SOURCE, rows, summary }));
    const [{ stored }] = await db.sql<{ stored: bigint }[]>`SELECT count(*) AS stored FROM "MetricDaily" WHERE "jobId" = ${jobId}::uuid`;
    if (Number(stored) !== rows.length) throw new Error(`${rows.length} rows recorded, ${stored} stored`);

    console.log(`\n${rows.length} daily rows (${days} days × ${sensors} sensors × 2 metrics + totals), distinct-count triggers on`);
    console.log(`bare SQL: INSERT … SELECT generate_series (baseline)   ${seconds(bare)}  1.00×`);
    console.log(`before: Prisma createMany in pages of ${PAGE}            ${seconds(paged)}  ${(paged / bare).toFixed(2)}×`);
    console.log(`replaceContribution (one INSERT … unnest), first time ${seconds(replaced)}  ${(replaced / bare).toFixed(2)}×`);
    console.log(`replaceContribution replacing its own rows            ${seconds(again)}  ${(again / bare).toFixed(2)}×`);
    await clear();
  }
  console.log(`peak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
  await db.repositories.jobs.delete(DEFAULT_WORKSPACE_ID, jobId);
  await db.disconnect();
  if (ownDatabase) await stopBenchDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
