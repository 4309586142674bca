import type { CsvJobInput, DatasetDefinition, JobSpec, PipelineDefinition } from '@sluice/contracts';
import { findDataset } from '@sluice/core';

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
    const datasets = Object.fromEntries(Object.entries(input.definitions ?? {}).map(([name, definition]) => [name, { version: null, definition }]));
    return { kind: 'pipeline', pipeline: { name: input.pipeline.name, version: 1, definition: input.pipeline }, datasets, delivery };
  }
  const definition = input.definition ?? findDataset(input.dataset);
  if (!definition) throw new JobRequestError('conflict', `The job's dataset "${input.dataset}" is not known any more`);
  return { kind: 'dataset', dataset: { version: datasetVersion, definition }, delivery };
}
