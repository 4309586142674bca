import { BadRequestException, Injectable } from '@nestjs/common';
import type { AggregateMetric, ComparisonView, DimensionComparison, Granularity, MetricDefinition, PeriodComparison, SeriesView } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';
import {
  baseMetricsOf,
  changeBetween,
  daysBetween,
  foldMetric,
  isIsoDay,
  MetricParts,
  periodEnd,
  periodLabel,
  periodsBetween,
  periodStart,
  ratioOf,
  shiftPeriod,
} from '@sluice/core';
import { stringify } from 'csv-stringify/sync';

import { MetricsRepository, PartsByPeriod } from '@sluice/db';
import type { CompareMetricsDto, MetricQueryDto, MetricSeriesDto } from './metric-query.dto';
import { MetricSource, MetricSourcesService } from './metric-sources.service';

/** Periods a default range spans, and the most one request may ask for. */
const DEFAULT_PERIODS = 12;
const MAX_DAYS = 366 * 10;

interface ResolvedQuery {
  workspaceId: string;
  source: MetricSource;
  metric: MetricDefinition;
  bases: AggregateMetric[];
  timeZone: string;
  from: string;
  to: string;
  dimension: string | null;
  value: string | undefined;
}

@Injectable()
export class MetricsService {
  constructor(
    private readonly sources: MetricSourcesService,
    private readonly parts: MetricsRepository,
  ) {}

  /** Each period of the range against the one before it, a KPI for the last period and, per dimension value, the same. */
  async compare(workspaceId: string, query: CompareMetricsDto): Promise<ComparisonView> {
    const q = await this.resolve(workspaceId, query, query.granularity);
    const g = query.granularity;
    const periods = periodsBetween(q.from, q.to, g);
    const earliest = shiftPeriod(periods[0], g, -1);
    const last = periods[periods.length - 1];
    const totals = await this.totals(q, g, earliest, periodEnd(last, g));
    const valueAt = (parts: PartsByPeriod, period: string, dimensionValue: string) => this.valueOf(q.metric, q.bases, parts.get(period)?.get(dimensionValue));
    const key = q.value ?? '';
    const rows: PeriodComparison[] = periods.map((start) => {
      const value = valueAt(totals, start, key);
      const previous = valueAt(totals, shiftPeriod(start, g, -1), key);
      return { period: start, label: periodLabel(start, g), start, end: periodEnd(start, g), value, previous, ...changeBetween(value, previous) };
    });
    const lastRow = rows[rows.length - 1];
    let breakdown: DimensionComparison[] = [];
    if (q.dimension && q.value === undefined) {
      const previousStart = shiftPeriod(last, g, -1);
      const byValue = await this.parts.partsByPeriod(q.workspaceId, {
        source: q.source.name,
        metrics: q.bases,
        granularity: g,
        dimension: q.dimension,
        from: previousStart,
        to: periodEnd(last, g),
      });
      const values = new Set([...(byValue.get(last)?.keys() ?? []), ...(byValue.get(previousStart)?.keys() ?? [])]);
      breakdown = [...values]
        .map((value) => {
          const current = valueAt(byValue, last, value);
          const previous = valueAt(byValue, previousStart, value);
          return { value, current, previous, ...changeBetween(current, previous) };
        })
        .sort((a, b) => (b.current ?? -Infinity) - (a.current ?? -Infinity) || a.value.localeCompare(b.value));
    }
    return {
      ...this.heading(q, g),
      periods: rows,
      kpi: { period: lastRow.label, current: lastRow.value, previous: lastRow.previous, change: lastRow.change, changePct: lastRow.changePct },
      breakdown,
    };
  }

  /** The comparison as CSV, one line per period. */
  async compareCsv(workspaceId: string, query: CompareMetricsDto): Promise<string> {
    const view = await this.compare(workspaceId, query);
    return stringify(
      view.periods.map((p) => [p.label, p.start, p.end, p.value, p.previous, p.change, p.changePct]),
      { header: true, columns: ['period', 'start', 'end', view.metric, `previous_${view.metric}`, 'change', 'change_pct'], cast: { number: String } },
    );
  }

  async series(workspaceId: string, query: MetricSeriesDto): Promise<SeriesView> {
    const q = await this.resolve(workspaceId, query, query.granularity);
    const g = query.granularity;
    const periods = periodsBetween(q.from, q.to, g);
    const parts = await this.totals(q, g, periods[0], periodEnd(periods[periods.length - 1], g));
    return {
      ...this.heading(q, g),
      points: periods.map((start) => ({ period: start, label: periodLabel(start, g), value: this.valueOf(q.metric, q.bases, parts.get(start)?.get(q.value ?? '')) })),
    };
  }

  /** What every answer repeats of the question. */
  private heading<G extends Granularity>(q: ResolvedQuery, granularity: G) {
    return { source: q.source.name, metric: q.metric.name, granularity, timeZone: q.timeZone, from: q.from, to: q.to, dimension: q.dimension, dimensionValue: q.value ?? null };
  }

  /** The metric's parts per period over all rows, or over one dimension value's rows when the query filters to one. */
  private totals(q: ResolvedQuery, granularity: Granularity, from: string, to: string): Promise<PartsByPeriod> {
    const dimension = q.value !== undefined ? (q.dimension ?? '') : '';
    return this.parts.partsByPeriod(q.workspaceId, { source: q.source.name, metrics: q.bases, granularity, dimension, value: q.value, from, to });
  }

  private valueOf(metric: MetricDefinition, bases: AggregateMetric[], parts: Map<string, MetricParts> | undefined): number | null {
    const fold = (base: AggregateMetric) => foldMetric(base.op, parts?.get(base.name));
    if (!isRatioMetric(metric)) return fold(bases[0]);
    const [numerator, denominator] = bases.map(fold);
    return ratioOf(numerator, denominator);
  }

  /** Checks every parameter against the source; each problem is a 400 that says what would be accepted. */
  private async resolve(workspaceId: string, query: MetricQueryDto, granularity: Granularity): Promise<ResolvedQuery> {
    const source = await this.sources.resolve(workspaceId, query.source);
    const metric = source.config.metrics.find((m) => m.name === query.metric);
    if (!metric) throw new BadRequestException(`Unknown metric "${query.metric}" of ${source.name} (known: ${source.config.metrics.map((m) => m.name).join(', ')})`);
    const bases = baseMetricsOf(metric).map((name) => source.config.metrics.find((m) => m.name === name) as AggregateMetric);
    const timeZone = source.config.timeZone ?? 'UTC';
    if (query.tz && query.tz !== timeZone) {
      throw new BadRequestException(`${source.name} records its metrics in the days of ${timeZone}: ask with tz=${timeZone}, or set the source's metrics.timeZone`);
    }
    const dimension = query.dimension ?? null;
    if (dimension && !source.config.dimensions.includes(dimension)) {
      throw new BadRequestException(`Unknown dimension "${dimension}" of ${source.name} (known: ${source.config.dimensions.join(', ') || 'none'})`);
    }
    if (query.value !== undefined && !dimension) throw new BadRequestException('value filters a dimension: give dimension too');
    for (const [name, day] of [
      ['from', query.from],
      ['to', query.to],
    ] as const) {
      if (day && !isIsoDay(day)) throw new BadRequestException(`${name} is not a calendar date: ${day}`);
    }
    const to = query.to ?? (await this.sources.span(workspaceId, source.name)).lastDay ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? shiftPeriod(periodStart(to, granularity), granularity, -(DEFAULT_PERIODS - 1));
    if (from > to) throw new BadRequestException(`from (${from}) is after to (${to})`);
    if (daysBetween(from, to) > MAX_DAYS) throw new BadRequestException('The range spans more than 10 years: ask for less');
    return { workspaceId, source, metric, bases, timeZone, from, to, dimension, value: query.value };
  }
}
