import type { FieldType, MetricsConfig } from '@sluice/contracts';
import { isRatioMetric, METRIC_OPERATIONS } from '@sluice/contracts';
import { z } from 'zod';

import { isTimeZone } from './periods';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const NUMERIC: FieldType[] = ['int', 'decimal'];

export const metricsConfigSchema = z
  .object({
    dateField: z.string(),
    timeZone: z.string().refine(isTimeZone, 'is not a known IANA time zone').optional(),
    dimensions: z.array(z.string()).max(20, 'at most 20 dimensions'),
    metrics: z
      .array(
        z.union([
          z
            .object({ name: z.string().regex(NAME, 'must be lower_snake_case'), label: z.string().optional(), op: z.enum(METRIC_OPERATIONS), field: z.string().optional() })
            .strict(),
          z
            .object({
              name: z.string().regex(NAME, 'must be lower_snake_case'),
              label: z.string().optional(),
              ratio: z.object({ numerator: z.string(), denominator: z.string() }).strict(),
              percent: z.boolean().optional(),
            })
            .strict(),
        ]),
      )
      .min(1, 'needs at least one metric'),
  })
  .strict();

export interface MetricsProblem {
  path: (string | number)[];
  message: string;
}

/** Checks that a metrics config only names columns that exist, with types its operations can fold. */
export function metricsProblems(config: MetricsConfig, columns: Record<string, FieldType>): MetricsProblem[] {
  const problems: MetricsProblem[] = [];
  const column = (path: (string | number)[], name: string, allowed?: FieldType[], why?: string) => {
    const type = columns[name];
    if (!type) problems.push({ path, message: `names no column ("${name}"; known: ${Object.keys(columns).join(', ')})` });
    else if (allowed && !allowed.includes(type)) problems.push({ path, message: `"${name}" is ${type}; ${why}` });
  };
  column(['dateField'], config.dateField, ['date', 'datetime'], 'the date field must be a date or datetime');
  config.dimensions.forEach((name, index) => column(['dimensions', index], name));
  const names = config.metrics.map((m) => m.name);
  config.metrics.forEach((metric, index) => {
    if (names.indexOf(metric.name) !== index) problems.push({ path: ['metrics', index, 'name'], message: `duplicates metric "${metric.name}"` });
    if (isRatioMetric(metric)) {
      for (const side of ['numerator', 'denominator'] as const) {
        const target = config.metrics.find((m) => m.name === metric.ratio[side]);
        if (!target) problems.push({ path: ['metrics', index, 'ratio', side], message: `names no metric ("${metric.ratio[side]}")` });
        else if (isRatioMetric(target)) problems.push({ path: ['metrics', index, 'ratio', side], message: 'a ratio is built from aggregate metrics, not other ratios' });
      }
    } else if (metric.field === undefined) {
      if (metric.op !== 'count') problems.push({ path: ['metrics', index, 'field'], message: `${metric.op} needs a field` });
    } else if (['sum', 'avg', 'min', 'max'].includes(metric.op)) {
      column(['metrics', index, 'field'], metric.field, NUMERIC, `${metric.op} needs an int or decimal field`);
    } else {
      column(['metrics', index, 'field'], metric.field);
    }
  });
  return problems;
}
