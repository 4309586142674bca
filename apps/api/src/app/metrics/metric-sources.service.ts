import { BadRequestException, Injectable } from '@nestjs/common';
import type { MetricSourceView } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';
import { MetricsRepository, type MetricSourceConfig } from '@sluice/db';

import { DatasetConfigsService } from '../datasets/dataset-configs.service';
import { PipelinesService } from '../pipelines/pipelines.service';

export type MetricSource = MetricSourceConfig;

/** A workspace's datasets and pipelines that declare metrics, with the days their recorded history spans. */
@Injectable()
export class MetricSourcesService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly datasets: DatasetConfigsService,
    private readonly pipelines: PipelinesService,
  ) {}

  async all(workspaceId: string): Promise<MetricSource[]> {
    const datasets = (await this.datasets.list(workspaceId)).flatMap(({ definition: d }) =>
      d.metrics ? [{ name: d.name, kind: 'dataset' as const, label: d.label, config: d.metrics }] : [],
    );
    const pipelines = (await this.pipelines.list(workspaceId)).flatMap(({ definition: p }) =>
      p.metrics ? [{ name: p.name, kind: 'pipeline' as const, label: p.label, config: p.metrics }] : [],
    );
    return [...pipelines, ...datasets];
  }

  /** The named source; every comparison asks, so it is one round trip for that source alone (all of them only when the name is unknown). */
  async resolve(workspaceId: string, name: string): Promise<MetricSource> {
    const found = await this.metrics.sourceConfig(workspaceId, name);
    if (found) return found;
    const sources = await this.all(workspaceId);
    throw new BadRequestException(`Unknown source "${name}": metrics exist for ${sources.map((s) => s.name).join(', ')}`);
  }

  /** First and last recorded day of a source, or nulls before its first job. */
  async span(workspaceId: string, source: string): Promise<{ firstDay: string | null; lastDay: string | null }> {
    return this.metrics.span(workspaceId, source);
  }

  async views(workspaceId: string): Promise<MetricSourceView[]> {
    return Promise.all(
      (await this.all(workspaceId)).map(async (source) => ({
        name: source.name,
        kind: source.kind,
        label: source.label,
        timeZone: source.config.timeZone ?? 'UTC',
        dateField: source.config.dateField,
        dimensions: source.config.dimensions,
        metrics: source.config.metrics.map((m) => ({ name: m.name, label: m.label ?? m.name, percent: isRatioMetric(m) && Boolean(m.percent) })),
        ...(await this.span(workspaceId, source.name)),
      })),
    );
  }
}
