import type { MetricDefinition, MetricOperation } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';

/** A metric's partial aggregates over some days; `distinct` is the count of distinct values when the metric counts them. */
export interface MetricParts {
  sum: number;
  count: number;
  min: number | null;
  max: number | null;
  distinct: number;
}

/** A period's value of an aggregate metric from its parts; null when no row carried the field. */
export function foldMetric(op: MetricOperation, parts: MetricParts | undefined): number | null {
  if (!parts) return op === 'count' || op === 'count_distinct' ? 0 : null;
  switch (op) {
    case 'sum':
      return parts.count === 0 ? null : parts.sum;
    case 'count':
      return parts.count;
    case 'count_distinct':
      return parts.distinct;
    case 'avg':
      return parts.count === 0 ? null : parts.sum / parts.count;
    case 'min':
      return parts.min;
    case 'max':
      return parts.max;
  }
}

/** numerator / denominator, or null when either is missing or the denominator is zero. */
export function ratioOf(numerator: number | null, denominator: number | null): number | null {
  return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

/** The aggregate metrics a metric is computed from: itself, or a ratio's two sides. */
export function baseMetricsOf(metric: MetricDefinition): string[] {
  return isRatioMetric(metric) ? [metric.ratio.numerator, metric.ratio.denominator] : [metric.name];
}
