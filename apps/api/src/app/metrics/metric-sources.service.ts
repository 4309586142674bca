import { BadRequestException, Injectable } from '@nestjs/common';
import type { MetricSourceView } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';
import { MetricsRepository, type MetricSourceConfig } from '@sluice/db';

import { DatasetConfigsService } from '../datasets/dataset-configs.service';
import { PipelinesService } from '../pipelines/pipelines.service';

export type MetricSource = MetricSourceConfig;

/** Datasets and pipelines that declare metrics, with the days their recorded history spans. */
@Injectable()
export class MetricSourcesService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly datasets: DatasetConfigsService,
    private readonly pipelines: PipelinesService,
  ) {}

  async all(): Promise<MetricSource[]> {
    const datasets = (await this.datasets.list()).flatMap(({ definition: d }) =>
      d.metrics ? [{ name: d.name, kind: 'dataset' as const, label: d.label, config: d.metrics }] : [],
    );
    const pipelines = (await this.pipelines.list()).flatMap(({ definition: p }) =>
      p.metrics ? [{ name: p.name, kind: 'pipeline' as const, label: p.label, config: p.metrics }] : [],
    );
    return [...pipelines, ...datasets];
  }

  /** The named source; every comparison asks, so it is one round trip for that source alone (all of them only when the name is unknown). */
  async resolve(name: string): Promise<MetricSource> {
    const found = await this.metrics.sourceConfig(name);
    if (found) return found;
    const sources = await this.all();
    throw new BadRequestException(`Unknown source "${name}": metrics exist for ${sources.map((s) => s.name).join(', ')}`);
  }

  /** First and last recorded day of a source, or nulls before its first job. */
  async span(source: string): Promise<{ firstDay: string | null; lastDay: string | null }> {
    return this.metrics.span(source);
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
