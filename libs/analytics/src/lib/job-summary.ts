import type { DuckDBConnection } from '@duckdb/node-api';
import { type AggregateMetric, isRatioMetric, type JobAggregations, type MetricsConfig, SENSORS_LISTED } from '@sluice/contracts';

import { MeasuredRows, measuredColumn } from './measured-rows';

/**
 * The metrics a job page sums up over the whole job, when a source declares them: a row count, the
 * minimum and the maximum of one field, and a first dimension to count rows by (seed 004's readings,
 * min / max value and sensors; no other preset declares a min and a max).
 */
function summarised(config: MetricsConfig): { field: string; dimension: string } | null {
  const metrics = config.metrics.filter((m): m is AggregateMetric => !isRatioMetric(m));
  const min = metrics.find((m) => m.op === 'min' && m.field);
  const max = metrics.find((m) => m.op === 'max' && m.field === min?.field);
  const rowCount = metrics.some((m) => m.op === 'count' && !m.field);
  const [dimension] = config.dimensions;
  return rowCount && min?.field && max && dimension ? { field: min.field, dimension } : null;
}

/**
 * The job's aggregations shown on its page, over every result row (dated or not): rows, the field's
 * minimum and maximum, and rows per dimension value (the SENSORS_LISTED values with the most rows);
 * null for a source that declares no such metrics.
 */
export async function summarizeJob(db: DuckDBConnection, rows: MeasuredRows, config: MetricsConfig): Promise<JobAggregations | null> {
  const summary = summarised(config);
  if (!summary) return null;
  const value = `TRY_CAST(${measuredColumn(rows, summary.field)} AS DOUBLE)`;
  const by = measuredColumn(rows, summary.dimension);
  const totals = await db.runAndReadAll(`SELECT count(*)::BIGINT, min(${value}), max(${value}), count(DISTINCT ${by})::BIGINT FROM ${rows.table}`);
  const [rowCount, minValue, maxValue, values] = totals.getRows()[0];
  const top = await db.runAndReadAll(
    `SELECT value, n FROM (SELECT ${by} AS value, count(*)::BIGINT AS n FROM ${rows.table} GROUP BY 1 ORDER BY n DESC, value LIMIT ${SENSORS_LISTED}) ORDER BY value`,
  );
  const per_sensor_count: Record<string, number> = {};
  for (const [key, count] of top.getRows()) per_sensor_count[String(key)] = Number(count);
  return {
    row_count: Number(rowCount),
    min_value: minValue === null ? null : Number(minValue),
    max_value: maxValue === null ? null : Number(maxValue),
    per_sensor_count,
    ...(Number(values) > SENSORS_LISTED ? { sensors_total: Number(values) } : {}),
  };
}
