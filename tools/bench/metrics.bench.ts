// Period comparisons on 3 years of daily metrics × 50 dimension values, through the real HTTP API,
// against a baseline measured in the same run: the bare SQL that sums the same rows per week.
// Target: p95 under 30 ms. Postgres runs on the "bench" profile's port.
import { randomUUID } from 'node:crypto';

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DailyMetricRow } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { TestDatabase } from '@sluice/db/testing';
import { distinctKeyOf } from '@sluice/analytics';

import { AuthModule } from '../../apps/api/src/infra/auth/auth.module';
import { ConfigModule } from '../../apps/api/src/infra/config/config.module';
import { configureApp } from '../../apps/api/src/infra/http/configure-app';
import { MetricsModule } from '../../apps/api/src/app/metrics/metrics.module';
import { PersistenceModule } from '../../apps/api/src/infra/persistence/persistence.module';
import { startBenchDatabase, stopBenchDatabase } from './bench-database';

const DAYS = 3 * 365 + 1;
const REGIONS = Array.from({ length: 50 }, (_, i) => `r${String(i).padStart(2, '0')}`);
const FIRST_DAY = Date.UTC(2023, 10, 23);
const SAMPLES = 200;

// The access guard names the workspace every route acts on (the placeholder's default one until sign-in).
@Module({ imports: [ConfigModule, PersistenceModule, AuthModule, MetricsModule] })
class MetricsBenchModule {}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await run();
  return timedRuns(SAMPLES, run);
}

async function timedRuns(runs: number, run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

interface WeeklyJob {
  id: string;
  rows: DailyMetricRow[];
}

/** A job as recordMetrics records it: its rows replace its contribution, and its summary lands on its row. */
const record = (db: TestDatabase, job: WeeklyJob) =>
  db.repositories.metrics.replaceContribution(DEFAULT_WORKSPACE_ID, {
    jobId: job.id,
    contributorId: job.id,
    source: 'transactions',
    rows: job.rows,
    summary: {
      source: 'transactions',
      rows: job.rows.length,
      rowsWithoutDate: 0,
      days: 7,
      firstDay: job.rows[0]?.day ?? null,
      lastDay: job.rows[job.rows.length - 1]?.day ?? null,
    },
  });

/** Three years of weekly jobs' daily parts for transactions: revenue, transactions and active users, in total and per region. */
function weeklyJobs(): WeeklyJob[] {
  const jobs: WeeklyJob[] = [];
  for (let d = 0; d < DAYS; d++) {
    if (d % 7 === 0) jobs.push({ id: randomUUID(), rows: [] });
    const { rows } = jobs[jobs.length - 1];
    const day = new Date(FIRST_DAY + d * 86_400_000).toISOString().slice(0, 10);
    for (const [dimension, value] of [['', ''], ...REGIONS.map((r) => ['region', r])]) {
      const scale = dimension ? 1 : REGIONS.length;
      const users = Array.from({ length: dimension ? 5 : 40 }, (_, u) => `u${(d * 7 + u * 13 + value.length) % 400}`);
      const base = { day, dimension, dimensionValue: value };
      rows.push(
        { ...base, metric: 'revenue', sum: (100 + (d % 17)) * scale, count: 20 * scale, min: 0.5, max: 40 },
        { ...base, metric: 'transactions', sum: 0, count: 20 * scale, min: null, max: null },
        { ...base, metric: 'active_users', sum: 0, count: users.length, min: null, max: null, distinctKeys: users.map(distinctKeyOf) },
      );
    }
  }
  return jobs;
}

async function seed(db: TestDatabase, jobs: WeeklyJob[]): Promise<number> {
  await db.sql`DELETE FROM "MetricDaily" WHERE source = 'transactions'`;
  for (const job of jobs) {
    await db.recordDatasetJob({ id: job.id, dataset: 'transactions', workflowId: `bench-${job.id}`, retentionHours: 1, files: [] });
    await record(db, job);
  }
  await db.sql`ANALYZE "MetricDaily"`;
  return jobs.reduce((sum, job) => sum + job.rows.length, 0);
}

async function main(): Promise<void> {
  const ownDatabase = !process.env['DATABASE_URL'];
  if (ownDatabase) process.env['DATABASE_URL'] = await startBenchDatabase();
  const db = new TestDatabase();
  const app = await NestFactory.create(MetricsBenchModule, { logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/metrics`;
  const seeding = performance.now();
  const jobs = weeklyJobs();
  const rows = await seed(db, jobs);
  const seeded = performance.now() - seeding;

  const get = (query: string) => async () => {
    const response = await fetch(`${base}/${query}`);
    if (!response.ok) throw new Error(`${query}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const range = 'from=2023-11-23&to=2026-11-22';
  const bare = await timed(
    () => db.sql`SELECT date_trunc('week', day::timestamp) AS period, sum(sum) FROM "MetricDaily"
    WHERE source = 'transactions' AND metric = 'revenue' AND dimension = '' AND day >= '2023-11-20' AND day <= '2026-11-22' GROUP BY 1`,
  );
  const cases: [string, string][] = [
    ['revenue, weekly, 3 years (157 weeks)', `compare?source=transactions&metric=revenue&granularity=week&${range}`],
    ['revenue, monthly, by region (50 values)', `compare?source=transactions&metric=revenue&granularity=month&${range}&dimension=region`],
    ['revenue per active user (ratio, distinct), weekly, 3 years', `compare?source=transactions&metric=revenue_per_user&granularity=week&${range}`],
    ['active users (distinct), monthly, by region (50 values)', `compare?source=transactions&metric=active_users&granularity=month&${range}&dimension=region`],
    ['revenue series, daily, one region, 3 years', `series?source=transactions&metric=revenue&granularity=day&${range}&dimension=region&value=r07`],
    ['comparison CSV, weekly, 3 years', `compare.csv?source=transactions&metric=revenue&granularity=week&${range}`],
  ];
  console.log(`${rows} daily rows: ${DAYS} days × (total + ${REGIONS.length} regions) × 3 metrics; ${SAMPLES} requests each, after 20 to warm up`);
  console.log(`recording them took ${(seeded / 1000).toFixed(1)} s as ${jobs.length} weekly jobs' contributions, the triggers' distinct recounts included`);
  console.log(`${'bare SQL: weekly revenue sums (baseline)'.padEnd(60)} p50 ${bare.p50.toFixed(2).padStart(6)} ms  p95 ${bare.p95.toFixed(2).padStart(6)} ms  1.00×`);
  let worst = 0;
  for (const [what, query] of cases) {
    const { p50, p95 } = await timed(get(query));
    worst = Math.max(worst, p95);
    console.log(`${what.padEnd(60)} p50 ${p50.toFixed(2).padStart(6)} ms  p95 ${p95.toFixed(2).padStart(6)} ms  ${(p95 / bare.p95).toFixed(2)}× the baseline p95`);
  }
  console.log(`worst p95 ${worst.toFixed(2)} ms (target < 30 ms); peak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);

  // What keeping per-period distinct counts costs a job: replacing one weekly contribution as
  // recordMetrics does, with the triggers recounting the days, weeks and months it touches.
  const week = jobs[Math.floor(jobs.length / 2)];
  const replaceWeek = () => record(db, week);
  await db.sql`ALTER TABLE "MetricDaily" DISABLE TRIGGER USER`;
  const bareRecording = await timedRuns(20, replaceWeek);
  await db.sql`ALTER TABLE "MetricDaily" ENABLE TRIGGER USER`;
  const recording = await timedRuns(20, replaceWeek);
  console.log(`replacing one week's contribution (${week.rows.length} rows) without the recounts: p50 ${bareRecording.p50.toFixed(1)} ms  p95 ${bareRecording.p95.toFixed(1)} ms`);
  console.log(`the same with the recounts:                                p50 ${recording.p50.toFixed(1)} ms  p95 ${recording.p95.toFixed(1)} ms`);

  await db.sql`DELETE FROM "MetricDaily" WHERE source = 'transactions'`;
  for (const job of jobs) await db.repositories.jobs.delete(DEFAULT_WORKSPACE_ID, job.id);
  await db.disconnect();
  await app.close();
  if (ownDatabase) await stopBenchDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
