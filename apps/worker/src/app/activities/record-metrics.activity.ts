import { computeDailyMetrics } from '@sluice/analytics';
import type { MetricsSummary } from '@sluice/contracts';
import type { Prisma } from '@sluice/db';
import { resultKey } from '@sluice/storage';
import type { JobSpec } from '@sluice/temporal';

import type { ActivityDeps } from './activity-deps';
import { metricsOf } from './job-spec';
import { withStagedFiles } from './staged-files';

const INSERT_PAGE = 5000;

/**
 * Computes the job's daily metrics from its result CSV in DuckDB and replaces the job's contribution
 * (under the root job of a rerun chain) in one transaction: recording again never double counts.
 */
export async function recordMetrics(deps: ActivityDeps, input: JobSpec & { rootJobId?: string }): Promise<MetricsSummary | null> {
  const measured = metricsOf(input);
  if (!measured) return null;
  const daily = await withStagedFiles(deps, input.jobId, [resultKey(input.jobId, 'clean')], ([file]) => computeDailyMetrics({ file, ...measured }));
  const contributor = input.rootJobId ?? input.jobId;
  const rows: Prisma.MetricDailyCreateManyInput[] = daily.rows.map((row) => ({
    source: input.dataset,
    jobId: contributor,
    day: new Date(`${row.day}T00:00:00Z`),
    metric: row.metric,
    dimension: row.dimension,
    dimensionValue: row.dimensionValue,
    sum: row.sum,
    count: row.count,
    min: row.min,
    max: row.max,
    distinctKeys: row.distinctKeys ?? [],
  }));
  const days = [...new Set(daily.rows.map((r) => r.day))].sort();
  const summary: MetricsSummary = {
    source: input.dataset,
    rows: daily.rowCount,
    rowsWithoutDate: daily.rowsWithoutDate,
    days: days.length,
    firstDay: days[0] ?? null,
    lastDay: days[days.length - 1] ?? null,
  };
  await deps.prisma.$transaction(
    async (tx) => {
      await tx.metricDaily.deleteMany({ where: { jobId: contributor, source: input.dataset } });
      for (let i = 0; i < rows.length; i += INSERT_PAGE) await tx.metricDaily.createMany({ data: rows.slice(i, i + INSERT_PAGE) });
      await tx.job.update({ where: { id: input.jobId }, data: { metrics: summary as unknown as Prisma.InputJsonValue } });
    },
    { timeout: 120_000 },
  );
  return summary;
}
