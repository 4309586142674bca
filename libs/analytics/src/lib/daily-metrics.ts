import type { AggregateMetric, DailyMetricRow, FieldType, MetricsConfig } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';

import { positionalCsv } from './csv-files';
import { sqlLiteral, withDuckDb } from './duckdb-session';
import { distinctKeyOf } from './distinct-key';

export interface DailyMetricsInput {
  /** A result CSV: the merged records of a dataset or the joined rows of a pipeline. */
  file: string;
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
export async function computeDailyMetrics({ file, types, config }: DailyMetricsInput): Promise<DailyMetrics> {
  const timeZone = config.timeZone ?? 'UTC';
  const metrics = config.metrics.filter((m): m is AggregateMetric => !isRatioMetric(m));
  const csv = await positionalCsv(file);
  if (!csv) return { rows: [], rowCount: 0, rowsWithoutDate: 0 };
  // Only the columns measured are read: a result may keep thousands of others.
  const wanted = [config.dateField, ...config.dimensions, ...metrics.flatMap((m) => (m.field ? [m.field] : []))];
  const read = [...new Set(wanted.filter(csv.has).map(csv.column))];
  return withDuckDb(async (db) => {
    await db.run(`CREATE TEMP TABLE source AS SELECT ${[...read, `${dayOf(csv.column(config.dateField), types[config.dateField] ?? 'date', timeZone)} AS _day`].join(', ')}
      FROM ${csv.source}`);
    const [[rowCount, withoutDate]] = (await db.runAndReadAll('SELECT count(*), count(*) FILTER (WHERE _day IS NULL) FROM source')).getRows();
    const rows: DailyMetricRow[] = [];
    const parts = metrics.flatMap((metric, index) => partsOf(metric, index, csv.column)).join(', ');
    for (const dimension of ['', ...config.dimensions]) {
      const value = dimension ? dimensionValue(csv.column(dimension)) : `''`;
      const reader = await db.runAndReadAll(`SELECT strftime(_day, '%Y-%m-%d'), ${value} AS dimension_value, ${parts}
        FROM source WHERE _day IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`);
      for (const row of reader.getRows()) {
        metrics.forEach((metric, index) => {
          const [count, sum, min, max, distinct] = row.slice(2 + index * 5, 7 + index * 5);
          const daily: DailyMetricRow = { day: String(row[0]), metric: metric.name, dimension, dimensionValue: String(row[1]), sum: asNumber(sum) ?? 0, count: Number(count), min: asNumber(min), max: asNumber(max) };
          if (metric.op === 'count_distinct') daily.distinctKeys = ((distinct as { items: unknown[] } | null)?.items ?? []).map((item) => distinctKeyOf(String(item)));
          rows.push(daily);
        });
      }
    }
    return { rows, rowCount: Number(rowCount), rowsWithoutDate: Number(withoutDate) };
  });
}
