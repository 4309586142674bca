import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { MetricSourceView, MetricsConfig } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';
import type { PrismaClient } from '@sluice/db';

import { DatasetConfigsService } from '../datasets/dataset-configs.service';
import { PipelinesService } from '../pipelines/pipelines.service';
import { PRISMA } from '../tokens';

export interface MetricSource {
  name: string;
  kind: 'dataset' | 'pipeline';
  label: string;
  config: MetricsConfig;
}

/** Datasets and pipelines that declare metrics, with the days their recorded history spans. */
@Injectable()
export class MetricSourcesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly datasets: DatasetConfigsService,
    private readonly pipelines: PipelinesService,
  ) {}

  async all(): Promise<MetricSource[]> {
    const datasets = (await this.datasets.list()).flatMap(({ definition: d }) => (d.metrics ? [{ name: d.name, kind: 'dataset' as const, label: d.label, config: d.metrics }] : []));
    const pipelines = (await this.pipelines.list()).flatMap(({ definition: p }) => (p.metrics ? [{ name: p.name, kind: 'pipeline' as const, label: p.label, config: p.metrics }] : []));
    return [...pipelines, ...datasets];
  }

  /** The named source; every comparison asks, so it is one round trip for that source alone (all of them only when the name is unknown). */
  async resolve(name: string): Promise<MetricSource> {
    const [found] = await this.prisma.$queryRaw<{ kind: 'pipeline' | 'dataset'; definition: { label: string; metrics?: MetricsConfig } }[]>`
      SELECT 'pipeline' AS kind, definition FROM "PipelineConfig" WHERE name = ${name}
      UNION ALL
      SELECT 'dataset', v.definition FROM "DatasetConfig" c
        JOIN "DatasetConfigVersion" v ON v."datasetName" = c.name AND v.version = c."currentVersion" WHERE c.name = ${name}
      ORDER BY kind DESC LIMIT 1`;
    if (found?.definition.metrics) return { name, kind: found.kind, label: found.definition.label, config: found.definition.metrics };
    const sources = await this.all();
    throw new BadRequestException(`Unknown source "${name}": metrics exist for ${sources.map((s) => s.name).join(', ')}`);
  }

  /** First and last recorded day of a source, or nulls before its first job. */
  async span(source: string): Promise<{ firstDay: string | null; lastDay: string | null }> {
    const [row] = await this.prisma.$queryRaw<{ first: Date | null; last: Date | null }[]>`
      SELECT min(day) AS first, max(day) AS last FROM "MetricDaily" WHERE source = ${source} AND dimension = ''`;
    const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
    return { firstDay: day(row?.first), lastDay: day(row?.last) };
  }

  async views(): Promise<MetricSourceView[]> {
    return Promise.all(
      (await this.all()).map(async (source) => ({
        name: source.name,
        kind: source.kind,
        label: source.label,
        timeZone: source.config.timeZone ?? 'UTC',
        dateField: source.config.dateField,
        dimensions: source.config.dimensions,
        metrics: source.config.metrics.map((m) => ({ name: m.name, label: m.label ?? m.name, percent: isRatioMetric(m) && Boolean(m.percent) })),
        ...(await this.span(source.name)),
      })),
    );
  }
}
