import type { CsvJobInput, DatasetDefinition, JobSpec, PipelineDefinition } from '@sluice/contracts';
import { findDataset, pipelineDatasets } from '@sluice/core';

import { JobRequestError } from '../job-request-error';

/** A workflow input from before specs were stored: the definitions travelled in it. */
export type LegacyJobInput = CsvJobInput & { definition?: DatasetDefinition; pipeline?: PipelineDefinition; definitions?: Record<string, DatasetDefinition> };

/**
 * The spec of a job recorded before specs were stored, from the input its workflow was started
 * with; pipeline versions were not kept then, so they read as 1.
 */
export function legacyJobSpec(input: LegacyJobInput, datasetVersion: number | null): JobSpec {
  const delivery = input.delivery ?? null;
  if (input.pipeline) {
    // Inputs carried every joined dataset's definition; older ones read the presets, as their workflow did.
    const datasets = Object.fromEntries(
      pipelineDatasets(input.pipeline).map((name) => {
        const definition = input.definitions?.[name] ?? findDataset(name);
        if (!definition) throw new JobRequestError('conflict', `The job's pipeline joins dataset "${name}", which is not known any more`);
        return [name, { version: null, definition }];
      }),
    );
    return { kind: 'pipeline', pipeline: { name: input.pipeline.name, version: 1, definition: input.pipeline }, datasets, delivery };
  }
  const definition = input.definition ?? findDataset(input.dataset);
  if (!definition) throw new JobRequestError('conflict', `The job's dataset "${input.dataset}" is not known any more`);
  return { kind: 'dataset', dataset: { version: datasetVersion, definition }, delivery };
}
