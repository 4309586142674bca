import type { DailyMetrics } from '@sluice/analytics';
import type { MetricsSummary } from '@sluice/contracts';
import type { ActivityFence } from '@sluice/db';

import type { ActivityDeps } from './activity-deps';

/** What a job's daily metrics cover: rows, rows without a date, and the days they fall on. */
export function metricsSummaryOf(source: string, daily: DailyMetrics): MetricsSummary {
  const days = [...new Set(daily.rows.map((r) => r.day))].sort();
  return { source, rows: daily.rowCount, rowsWithoutDate: daily.rowsWithoutDate, days: days.length, firstDay: days[0] ?? null, lastDay: days[days.length - 1] ?? null };
}

/** Replaces the job's contribution (under the root job of a rerun chain), so recording again never double counts. */
export async function replaceMetricsContribution(
  deps: ActivityDeps,
  workspaceId: string,
  { jobId, rootJobId, source, daily, fence }: { jobId: string; rootJobId?: string; source: string; daily: DailyMetrics; fence: ActivityFence },
): Promise<MetricsSummary> {
  const summary = metricsSummaryOf(source, daily);
  await deps.db.metrics.replaceContribution(workspaceId, { jobId, contributorId: rootJobId ?? jobId, source, rows: daily.rows, summary, fence });
  return summary;
}
