import type { DatasetJobSpec, DeliveryOptions, JobSpec, PipelineJobSpec } from '@sluice/contracts';
import { checkPipelineDefinition, type DefinitionProblem, pipelineDatasets } from '@sluice/core';

import type { DatasetsRepository } from '../datasets/datasets.repository';
import type { PipelinesRepository } from '../pipelines/pipelines.repository';

/** Why a name did not resolve: nothing has it, or the pipeline no longer fits its datasets' current configurations. */
export type JobSpecRefusal = { ok: false; reason: 'unknown' } | { ok: false; reason: 'misfit'; problems: DefinitionProblem[] };

export type JobSpecResolution<Spec extends JobSpec = JobSpec> = { ok: true; spec: Spec } | JobSpecRefusal;

/**
 * Resolves a dataset or pipeline name into the spec a job freezes at launch: the current version of
 * the workspace's dataset, or of its pipeline and of every dataset it joins, checked against each other (a dataset
 * edited since the pipeline was saved may no longer fit it). Every launcher goes through here.
 */
export class JobSpecResolver {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly pipelines: PipelinesRepository,
  ) {}

  /** Whichever has the name; a pipeline first (names are unique across both). */
  async resolve(workspaceId: string, name: string, delivery: DeliveryOptions | null = null): Promise<JobSpecResolution> {
    const pipeline = await this.pipeline(workspaceId, name, delivery);
    if (pipeline.ok || pipeline.reason === 'misfit') return pipeline;
    return this.dataset(workspaceId, name, delivery);
  }

  async dataset(workspaceId: string, name: string, delivery: DeliveryOptions | null = null): Promise<JobSpecResolution<DatasetJobSpec>> {
    const dataset = await this.datasets.current(workspaceId, name);
    return dataset ? { ok: true, spec: { kind: 'dataset', dataset, delivery } } : { ok: false, reason: 'unknown' };
  }

  async pipeline(workspaceId: string, name: string, delivery: DeliveryOptions | null = null): Promise<JobSpecResolution<PipelineJobSpec>> {
    const pipeline = await this.pipelines.current(workspaceId, name);
    if (!pipeline) return { ok: false, reason: 'unknown' };
    const datasets = await this.datasets.currentOf(workspaceId, pipelineDatasets(pipeline.definition));
    const check = checkPipelineDefinition(pipeline.definition, (dataset) => datasets[dataset]?.definition);
    if (!check.ok) return { ok: false, reason: 'misfit', problems: check.problems };
    return { ok: true, spec: { kind: 'pipeline', pipeline: { name, version: pipeline.version, definition: pipeline.definition }, datasets, delivery } };
  }
}
