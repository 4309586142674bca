import type { DeliveryOptions, JobSpec } from '@sluice/contracts';
import { checkPipelineDefinition, type DefinitionProblem, pipelineDatasets } from '@sluice/core';

import type { DatasetsRepository } from '../datasets/datasets.repository';
import type { PipelinesRepository } from '../pipelines/pipelines.repository';

/** What a job's files are read as: a dataset, a pipeline, or whichever has the name (a pipeline first). */
export type JobSourceKind = 'dataset' | 'pipeline' | 'any';

export type JobSpecResolution =
  | { ok: true; spec: JobSpec }
  /** No dataset (or pipeline, per the kind asked for) has the name. */
  | { ok: false; reason: 'unknown' }
  /** The pipeline no longer fits its datasets' current configurations (one was edited since it was saved). */
  | { ok: false; reason: 'misfit'; problems: DefinitionProblem[] };

/**
 * Resolves a dataset or pipeline name into the spec a job freezes at launch: current versions of the
 * dataset, or of the pipeline and every dataset it joins, checked against each other. Every launcher
 * (uploads, scheduled inboxes) and every "does this source exist" question goes through here.
 */
export class JobSpecResolver {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly pipelines: PipelinesRepository,
  ) {}

  async resolve(name: string, kind: JobSourceKind = 'any', delivery: DeliveryOptions | null = null): Promise<JobSpecResolution> {
    if (kind !== 'dataset') {
      const pipeline = await this.pipelines.current(name);
      if (pipeline) {
        const datasets = await this.datasets.currentOf(pipelineDatasets(pipeline.definition));
        const check = checkPipelineDefinition(pipeline.definition, (dataset) => datasets[dataset]?.definition);
        if (!check.ok) return { ok: false, reason: 'misfit', problems: check.problems };
        return { ok: true, spec: { kind: 'pipeline', pipeline: { name, version: pipeline.version, definition: pipeline.definition }, datasets, delivery } };
      }
      if (kind === 'pipeline') return { ok: false, reason: 'unknown' };
    }
    const dataset = await this.datasets.current(name);
    if (!dataset) return { ok: false, reason: 'unknown' };
    return { ok: true, spec: { kind: 'dataset', dataset, delivery } };
  }
}
