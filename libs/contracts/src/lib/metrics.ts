/** How values of one field fold into a metric; `count` counts filled values (every row when no field). */
export const METRIC_OPERATIONS = ['sum', 'count', 'count_distinct', 'avg', 'min', 'max'] as const;
export type MetricOperation = (typeof METRIC_OPERATIONS)[number];

export interface AggregateMetric {
  name: string;
  label?: string;
  op: MetricOperation;
  /** The field folded; optional only for `count`, which then counts rows. */
  field?: string;
}

/** A metric computed from two others, per period and per dimension value: numerator / denominator. */
export interface RatioMetric {
  name: string;
  label?: string;
  ratio: { numerator: string; denominator: string };
  /** Shown as a percentage (open rate) rather than a plain number. */
  percent?: boolean;
}

export type MetricDefinition = AggregateMetric | RatioMetric;

/** What a dataset or pipeline measures per day: the day comes from `dateField` in `timeZone`. */
export interface MetricsConfig {
  dateField: string;
  /** IANA zone whose calendar days, ISO weeks and months the metrics follow; UTC when absent. */
  timeZone?: string;
  /** Fields whose values break metrics down (domain, region, sensor_id). */
  dimensions: string[];
  metrics: MetricDefinition[];
}

export function isRatioMetric(metric: MetricDefinition): metric is RatioMetric {
  return 'ratio' in metric;
}

/** Periods a metric is read by: calendar days, ISO weeks (from Monday), calendar months. */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Periods a comparison steps by, each against the one before. */
export const COMPARISON_GRANULARITIES = ['week', 'month'] as const satisfies readonly Granularity[];
export type ComparisonGranularity = (typeof COMPARISON_GRANULARITIES)[number];

/** What a metric source is: a dataset's jobs or a pipeline's. */
export const METRIC_SOURCE_KINDS = ['dataset', 'pipeline'] as const;
export type MetricSourceKind = (typeof METRIC_SOURCE_KINDS)[number];

/** One metric's daily partial aggregates from one job, per dimension value; '' is the total over all rows. */
export interface DailyMetricRow {
  day: string;
  metric: string;
  dimension: string;
  dimensionValue: string;
  sum: number;
  count: number;
  min: number | null;
  max: number | null;
  /** Only for count_distinct: the day's distinct values as keys (see distinctKeyOf), so a week or month counts each value once. */
  distinctKeys?: bigint[];
}

/** What recording a job's metrics did; kept on the job. */
export interface MetricsSummary {
  source: string;
  rows: number;
  /** Rows whose date field was empty or unreadable: they count in no day. */
  rowsWithoutDate: number;
  days: number;
  firstDay: string | null;
  lastDay: string | null;
}

export interface PeriodComparison {
  /** First day of the period (Monday of the ISO week, first of the month), YYYY-MM-DD. */
  period: string;
  /** ISO week (2026-W03) or month (2026-01) label. */
  label: string;
  start: string;
  end: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  /** Percent change; null when there is no previous value or it is zero. */
  changePct: number | null;
}

export interface DimensionComparison {
  value: string;
  current: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
}

export interface ComparisonView {
  source: string;
  metric: string;
  granularity: ComparisonGranularity;
  timeZone: string;
  from: string;
  to: string;
  periods: PeriodComparison[];
  /** The last period of the range against the one before it. */
  kpi: { period: string | null; current: number | null; previous: number | null; change: number | null; changePct: number | null };
  dimension: string | null;
  dimensionValue: string | null;
  /** With `dimension` and no value filter: each value's last period against the one before, largest first. */
  breakdown: DimensionComparison[];
}

export interface SeriesPoint {
  period: string;
  label: string;
  value: number | null;
}

export interface SeriesView {
  source: string;
  metric: string;
  granularity: Granularity;
  timeZone: string;
  from: string;
  to: string;
  dimension: string | null;
  dimensionValue: string | null;
  points: SeriesPoint[];
}

export interface MetricSourceView {
  name: string;
  kind: MetricSourceKind;
  label: string;
  timeZone: string;
  dateField: string;
  dimensions: string[];
  metrics: { name: string; label: string; percent: boolean }[];
  firstDay: string | null;
  lastDay: string | null;
}
