import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { MetricSourceView, MetricsConfig } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';
import { PrismaClient, storedPipeline } from '@sluice/db';

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

  /** The named source; every comparison asks, so only that source is read unless the name is unknown. */
  async resolve(name: string): Promise<MetricSource> {
    const pipeline = await storedPipeline(this.prisma, name);
    if (pipeline?.metrics) return { name, kind: 'pipeline', label: pipeline.label, config: pipeline.metrics };
    const dataset = pipeline ? null : (await this.datasets.current(name))?.definition;
    if (dataset?.metrics) return { name, kind: 'dataset', label: dataset.label, config: dataset.metrics };
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
