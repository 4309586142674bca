import type { JobSpec } from './job-spec';
import type { CsvJobInput } from './workflow-io';

/**
 * The definitions a workflow input carries for a spec, as the workflows read them today.
 * TODO(issue 12): goes once activities load the spec by job id and the input carries only ids.
 */
export function specDefinitions(spec: JobSpec): Pick<CsvJobInput, 'definition' | 'pipeline' | 'definitions'> {
  if (spec.kind === 'dataset') return { definition: spec.dataset.definition };
  return { pipeline: spec.pipeline.definition, definitions: Object.fromEntries(Object.entries(spec.datasets).map(([name, d]) => [name, d.definition])) };
}
