import { Inject, Injectable } from '@nestjs/common';
import type { AggregateMetric, Granularity } from '@sluice/contracts';
import type { MetricParts } from '@sluice/core';
import { Prisma, PrismaClient } from '@sluice/db';

import { PRISMA } from '../tokens';

export interface PartsQuery {
  source: string;
  metrics: AggregateMetric[];
  granularity: Granularity;
  /** '' for totals over all rows. */
  dimension: string;
  /** Only this dimension value; every value when absent. */
  value?: string;
  /** The first day of a period. */
  from: string;
  /** The last day of a period: distinct counts are kept per whole period. */
  to: string;
}

/** period → dimension value → metric → parts. */
export type PartsByPeriod = Map<string, Map<string, Map<string, MetricParts>>>;

interface PartsRow {
  period: Date;
  value: string;
  metric: string;
  sum: number | null;
  count: bigint | number;
  min: number | null;
  max: number | null;
}

/**
 * Folds stored daily parts into periods inside Postgres: date_trunc('week') starts ISO weeks on Monday.
 * Distinct counts come per period (MetricPeriodDistinct), so a contact seen on three days counts once.
 */
@Injectable()
export class MetricPartsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async partsByPeriod(query: PartsQuery): Promise<PartsByPeriod> {
    const where = Prisma.sql`source = ${query.source} AND dimension = ${query.dimension}
      AND day >= ${query.from}::date AND day <= ${query.to}::date
      ${query.value !== undefined ? Prisma.sql`AND "dimensionValue" = ${query.value}` : Prisma.empty}`;
    const period = Prisma.sql`date_trunc(${query.granularity}, day::timestamp)::date`;
    const names = query.metrics.map((m) => m.name);
    const distinct = query.metrics.filter((m) => m.op === 'count_distinct').map((m) => m.name);
    const [rows, counts] = await Promise.all([
      this.prisma.$queryRaw<PartsRow[]>`
        SELECT ${period} AS period, "dimensionValue" AS value, metric, sum(sum) AS sum, sum(count)::bigint AS count, min(min) AS min, max(max) AS max
        FROM "MetricDaily" WHERE ${where} AND metric = ANY(${names}::text[]) GROUP BY 1, 2, 3`,
      // Whole periods only (the service asks from a period's start to a period's end), so the
      // counts the triggers keep per period answer without reading a single day's keys.
      distinct.length
        ? this.prisma.$queryRaw<{ period: Date; value: string; metric: string; distinct: number }[]>`
            SELECT period, "dimensionValue" AS value, metric, "distinctCount" AS distinct FROM "MetricPeriodDistinct"
            WHERE source = ${query.source} AND dimension = ${query.dimension} AND granularity = ${query.granularity}
              AND period >= ${query.from}::date AND period <= ${query.to}::date AND metric = ANY(${distinct}::text[])
              ${query.value !== undefined ? Prisma.sql`AND "dimensionValue" = ${query.value}` : Prisma.empty}`
        : Promise.resolve([]),
    ]);
    const result: PartsByPeriod = new Map();
    const slot = (p: Date, value: string, metric: string): MetricParts => {
      const key = p.toISOString().slice(0, 10);
      const byValue = result.get(key) ?? result.set(key, new Map()).get(key)!;
      const byMetric = byValue.get(value) ?? byValue.set(value, new Map()).get(value)!;
      return byMetric.get(metric) ?? byMetric.set(metric, { sum: 0, count: 0, min: null, max: null, distinct: 0 }).get(metric)!;
    };
    for (const row of rows) Object.assign(slot(row.period, row.value, row.metric), { sum: Number(row.sum ?? 0), count: Number(row.count), min: row.min, max: row.max });
    for (const row of counts) slot(row.period, row.value, row.metric).distinct = Number(row.distinct);
    return result;
  }
}
