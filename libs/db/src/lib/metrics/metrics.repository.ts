import type { AggregateMetric, DailyMetricRow, Granularity, MetricsConfig, MetricsSummary } from '@sluice/contracts';
import type { MetricParts } from '@sluice/core';
import { storedMetricsConfigSchema } from '@sluice/core';
import { z } from 'zod';

import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { type ActivityFence, fencedWrite } from '../fences/activity-fence';
import { jsonValue, parseStored } from '../stored-json';

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

/** A dataset or pipeline that declares metrics, as metric queries need it. */
export interface MetricSourceConfig {
  name: string;
  kind: 'dataset' | 'pipeline';
  label: string;
  config: MetricsConfig;
}

/** One job's daily metric rows, recorded under the root job of its rerun chain. */
export interface MetricsContribution {
  /** The job that measured (its row keeps the summary). */
  jobId: string;
  /** The root job of the rerun chain: the key the rows are recorded under. */
  contributorId: string;
  /** Dataset or pipeline name. */
  source: string;
  rows: DailyMetricRow[];
  summary: MetricsSummary;
  /** The attempt recording it: a replaced attempt records nothing (see ActivityFence). */
  fence?: ActivityFence;
}

interface PartsRow {
  period: Date;
  value: string;
  metric: string;
  sum: number | null;
  count: bigint | number;
  min: number | null;
  max: number | null;
}

/** A contribution's rows as one array per column: one INSERT … SELECT FROM unnest(…) takes them all. */
interface MetricColumns {
  days: string[];
  metrics: string[];
  dimensions: string[];
  values: string[];
  sums: number[];
  counts: number[];
  mins: (number | null)[];
  maxs: (number | null)[];
  /** Each row's distinct keys as a Postgres array literal ('{1,2}'): unnest cannot take ragged arrays. */
  keys: string[];
}

function metricColumnsOf(rows: DailyMetricRow[]): MetricColumns {
  const columns: MetricColumns = { days: [], metrics: [], dimensions: [], values: [], sums: [], counts: [], mins: [], maxs: [], keys: [] };
  for (const row of rows) {
    columns.days.push(row.day);
    columns.metrics.push(row.metric);
    columns.dimensions.push(row.dimension);
    columns.values.push(row.dimensionValue);
    columns.sums.push(row.sum);
    columns.counts.push(row.count);
    columns.mins.push(row.min);
    columns.maxs.push(row.max);
    columns.keys.push(`{${(row.distinctKeys ?? []).join(',')}}`);
  }
  return columns;
}

/**
 * One statement for the whole contribution: a row per parameter array element instead of Prisma's
 * createMany pages, so 100 k rows are one round trip and the distinct-count triggers recount once.
 */
const insertMetricRows = (workspaceId: string, source: string, jobId: string, c: MetricColumns) => Prisma.sql`
  INSERT INTO "MetricDaily" ("workspaceId", source, "jobId", day, metric, dimension, "dimensionValue", sum, count, min, max, "distinctKeys")
  SELECT ${workspaceId}::uuid, ${source}, ${jobId}::uuid, r.day, r.metric, r.dimension, r.value, r.sum, r.count, r.min, r.max, r.keys::bigint[]
  FROM unnest(${c.days}::date[], ${c.metrics}::text[], ${c.dimensions}::text[], ${c.values}::text[], ${c.sums}::float8[], ${c.counts}::int[],
    ${c.mins}::float8[], ${c.maxs}::float8[], ${c.keys}::text[]) AS r(day, metric, dimension, value, sum, count, min, max, keys)`;

const sourceDefinitionSchema = z.object({ label: z.string(), metrics: storedMetricsConfigSchema.optional() });

const dayOf = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);

/** A workspace's daily metric parts per job contribution, and the per-period distinct counts the triggers keep (every method takes the workspace first). */
export class MetricsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Replaces a contribution (under its root job) in one transaction and stores the summary on the
   * job: recording again, or recording a rerun, never double counts.
   */
  async replaceContribution(workspaceId: string, { jobId, contributorId, source, rows, summary, fence }: MetricsContribution): Promise<void> {
    const columns = metricColumnsOf(rows);
    await fencedWrite(
      this.prisma,
      fence,
      async (tx) => {
        // A retried attempt can overlap one still running (a missed heartbeat): without the lock each
        // would delete nothing the other has not committed yet, and both contributions would count.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`metrics:${workspaceId}:${source}:${contributorId}`}, 0))`;
        // The job first: a job of another workspace fails here, before anything is recorded.
        await tx.job.update({ where: { id: jobId, workspaceId }, data: { metrics: jsonValue(summary) } });
        await tx.metricDaily.deleteMany({ where: { workspaceId, jobId: contributorId, source } });
        if (rows.length) await tx.$executeRaw`${insertMetricRows(workspaceId, source, contributorId, columns)}`;
      },
      { timeout: 120_000 },
    );
  }

  /**
   * Folds stored daily parts into periods inside Postgres: date_trunc('week') starts ISO weeks on Monday.
   * Distinct counts come per period (MetricPeriodDistinct), so a contact seen on three days counts once.
   */
  async partsByPeriod(workspaceId: string, query: PartsQuery): Promise<PartsByPeriod> {
    const where = Prisma.sql`"workspaceId" = ${workspaceId}::uuid AND source = ${query.source} AND dimension = ${query.dimension}
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
            WHERE "workspaceId" = ${workspaceId}::uuid AND source = ${query.source} AND dimension = ${query.dimension} AND granularity = ${query.granularity}
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

  /**
   * The named dataset's or pipeline's current metrics, in one round trip (every comparison asks);
   * null when neither has that name or it declares no metrics. A pipeline wins a shared name.
   */
  async sourceConfig(workspaceId: string, name: string): Promise<MetricSourceConfig | null> {
    const [found] = await this.prisma.$queryRaw<{ kind: 'pipeline' | 'dataset'; definition: unknown }[]>`
      SELECT 'pipeline' AS kind, v.definition FROM "PipelineConfig" c
        JOIN "PipelineConfigVersion" v ON v."workspaceId" = c."workspaceId" AND v."pipelineName" = c.name AND v.version = c."currentVersion"
        WHERE c."workspaceId" = ${workspaceId}::uuid AND c.name = ${name}
      UNION ALL
      SELECT 'dataset', v.definition FROM "DatasetConfig" c
        JOIN "DatasetConfigVersion" v ON v."workspaceId" = c."workspaceId" AND v."datasetName" = c.name AND v.version = c."currentVersion"
        WHERE c."workspaceId" = ${workspaceId}::uuid AND c.name = ${name}
      ORDER BY kind DESC LIMIT 1`;
    if (!found) return null;
    const definition = parseStored(sourceDefinitionSchema, found.definition, `${found.kind} definition`);
    return definition.metrics ? { name, kind: found.kind, label: definition.label, config: definition.metrics } : null;
  }

  /** First and last recorded day of a source, or nulls before its first job. */
  async span(workspaceId: string, source: string): Promise<{ firstDay: string | null; lastDay: string | null }> {
    const [row] = await this.prisma.$queryRaw<{ first: Date | null; last: Date | null }[]>`
      SELECT min(day) AS first, max(day) AS last FROM "MetricDaily" WHERE "workspaceId" = ${workspaceId}::uuid AND source = ${source} AND dimension = ''`;
    return { firstDay: dayOf(row?.first), lastDay: dayOf(row?.last) };
  }
}
