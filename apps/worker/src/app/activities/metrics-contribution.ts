import type { DailyMetrics } from '@sluice/analytics';
import type { MetricsSummary } from '@sluice/contracts';
import type { Prisma } from '@sluice/db';

import type { ActivityDeps } from './activity-deps';

const INSERT_PAGE = 5000;

/**
 * Replaces the job's daily metrics contribution (under the root job of a rerun chain) in one
 * transaction, so recording again never double counts, and stores what it recorded on the job.
 */
export async function replaceMetricsContribution(
  deps: ActivityDeps,
  { jobId, rootJobId, source, daily }: { jobId: string; rootJobId?: string; source: string; daily: DailyMetrics },
): Promise<MetricsSummary> {
  const contributor = rootJobId ?? jobId;
  const rows: Prisma.MetricDailyCreateManyInput[] = daily.rows.map((row) => ({
    source,
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
    source,
    rows: daily.rowCount,
    rowsWithoutDate: daily.rowsWithoutDate,
    days: days.length,
    firstDay: days[0] ?? null,
    lastDay: days[days.length - 1] ?? null,
  };
  await deps.prisma.$transaction(
    async (tx) => {
      await tx.metricDaily.deleteMany({ where: { jobId: contributor, source } });
      for (let i = 0; i < rows.length; i += INSERT_PAGE) await tx.metricDaily.createMany({ data: rows.slice(i, i + INSERT_PAGE) });
      await tx.job.update({ where: { id: jobId }, data: { metrics: summary as unknown as Prisma.InputJsonValue } });
    },
    { timeout: 120_000 },
  );
  return summary;
}
