import type { AggregateMetric, DailyMetricRow, FieldType, MetricsConfig } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';

import type { DuckDBConnection } from '@duckdb/node-api';

import { sqlLiteral } from './duckdb-session';
import { distinctKeyOf } from './distinct-key';
import { MeasuredRows, measuredColumn } from './measured-rows';

export interface DailyMetricsInput {
  /** The measured cells of a result: the merged records of a dataset or the joined rows of a pipeline. */
  rows: MeasuredRows;
  types: Record<string, FieldType>;
  config: MetricsConfig;
}

export interface DailyMetrics {
  rows: DailyMetricRow[];
  rowCount: number;
  rowsWithoutDate: number;
}

/** What a dimension value is called when the field is empty. */
export const EMPTY_DIMENSION_VALUE = '(none)';

/** Longer dimension values are cut (ending in …): Postgres indexes them, and an index entry holds at most 2,704 bytes. */
export const MAX_DIMENSION_VALUE_LENGTH = 200;

function dimensionValue(column: string): string {
  // Postgres text cannot hold NUL: it shows as U+FFFD, as a viewer would.
  const value = `nullif(trim(replace(${column}, chr(0), chr(65533))), '')`;
  const max = MAX_DIMENSION_VALUE_LENGTH;
  return `coalesce(CASE WHEN length(${value}) > ${max} THEN left(${value}, ${max - 1}) || '…' ELSE ${value} END, ${sqlLiteral(EMPTY_DIMENSION_VALUE)})`;
}

function dayOf(column: string, type: FieldType, timeZone: string): string {
  // A datetime is an instant: its day depends on the zone. A date already is the day.
  if (type === 'datetime') return `CAST(timezone(${sqlLiteral(timeZone)}, TRY_CAST(${column} AS TIMESTAMPTZ)) AS DATE)`;
  return `TRY_CAST(${column} AS DATE)`;
}

function partsOf(metric: AggregateMetric, index: number, column: (name: string) => string): string[] {
  if (!metric.field) return [`count(*) AS n${index}`, `NULL AS s${index}`, `NULL AS lo${index}`, `NULL AS hi${index}`, `NULL AS d${index}`];
  const field = column(metric.field);
  const number = `TRY_CAST(${field} AS DOUBLE)`;
  return [
    `count(${field}) AS n${index}`,
    `sum(${number}) AS s${index}`,
    `min(${number}) AS lo${index}`,
    `max(${number}) AS hi${index}`,
    metric.op === 'count_distinct' ? `list(DISTINCT ${field}) FILTER (WHERE ${field} IS NOT NULL) AS d${index}` : `NULL AS d${index}`,
  ];
}

const asNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * A job's metrics per day, in DuckDB: per aggregate metric, the parts (sum, count, min, max, distinct
 * values) that later fold into any week or month, once for all rows (dimension '') and once per value
 * of each dimension. Rows whose date is empty or unreadable are counted and left out.
 */
export async function computeDailyMetrics(db: DuckDBConnection, { rows: measured, types, config }: DailyMetricsInput): Promise<DailyMetrics> {
  const timeZone = config.timeZone ?? 'UTC';
  const metrics = config.metrics.filter((m): m is AggregateMetric => !isRatioMetric(m));
  // Unpacked into plain columns once: every dimension's grouping reads them again.
  const columns = measured.names.map((name, i) => `${measuredColumn(measured, name)} AS m${i}`);
  const column = (name: string) => (measured.names.includes(name) ? `m${measured.names.indexOf(name)}` : 'NULL::VARCHAR');
  await db.run(
    `CREATE TEMP TABLE source AS SELECT ${[...columns, `${dayOf(measuredColumn(measured, config.dateField), types[config.dateField] ?? 'date', timeZone)} AS _day`].join(', ')} FROM ${measured.table}`,
  );
  const [[rowCount, withoutDate]] = (await db.runAndReadAll('SELECT count(*), count(*) FILTER (WHERE _day IS NULL) FROM source')).getRows();
  const rows: DailyMetricRow[] = [];
  const parts = metrics.flatMap((metric, index) => partsOf(metric, index, column)).join(', ');
  for (const dimension of ['', ...config.dimensions]) {
    const value = dimension ? dimensionValue(column(dimension)) : `''`;
    const reader = await db.runAndReadAll(`SELECT strftime(_day, '%Y-%m-%d'), ${value} AS dimension_value, ${parts}
      FROM source WHERE _day IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`);
    for (const row of reader.getRows()) {
      metrics.forEach((metric, index) => {
        const [count, sum, min, max, distinct] = row.slice(2 + index * 5, 7 + index * 5);
        const daily: DailyMetricRow = {
          day: String(row[0]),
          metric: metric.name,
          dimension,
          dimensionValue: String(row[1]),
          sum: asNumber(sum) ?? 0,
          count: Number(count),
          min: asNumber(min),
          max: asNumber(max),
        };
        if (metric.op === 'count_distinct') daily.distinctKeys = ((distinct as { items: unknown[] } | null)?.items ?? []).map((item) => distinctKeyOf(String(item)));
        rows.push(daily);
      });
    }
  }
  await db.run('DROP TABLE source');
  return { rows, rowCount: Number(rowCount), rowsWithoutDate: Number(withoutDate) };
}
