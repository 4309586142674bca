import type { DatasetDefinition, FieldType, MetricsConfig } from '@sluice/contracts';
import { findDataset, pipelineColumns } from '@sluice/core';
import type { JobSpec } from '@sluice/temporal';

/** A dataset's definition as the job carries it; jobs from before versioned configs use the preset. */
export function datasetOf(spec: JobSpec, name = spec.dataset): DatasetDefinition {
  const found = spec.pipeline ? (spec.definitions?.[name] ?? findDataset(name)) : (spec.definition ?? findDataset(name));
  if (!found) throw new Error(`Unknown dataset "${name}"`);
  return found;
}

/** The result's columns and the metrics measured over them; null when the source declares no metrics. */
export function metricsOf(spec: JobSpec): { config: MetricsConfig; types: Record<string, FieldType> } | null {
  if (spec.pipeline) {
    if (!spec.pipeline.metrics) return null;
    return { config: spec.pipeline.metrics, types: pipelineColumns(spec.pipeline, (name) => datasetOf(spec, name)) };
  }
  const dataset = datasetOf(spec);
  if (!dataset.metrics) return null;
  return { config: dataset.metrics, types: Object.fromEntries(dataset.fields.map((f) => [f.name, f.type])) };
}
