import type { DatasetDefinition, FieldType, FileReadingOptions, JobSpec, MetricsConfig } from '@sluice/contracts';
import { pipelineColumns } from '@sluice/core';
import { ApplicationFailure } from '@temporalio/activity';

import type { ActivityDeps } from './activity-deps';

/** The spec the job was launched with, from its row: the one place activities read it. */
export async function loadSpec(deps: ActivityDeps, workspaceId: string, jobId: string): Promise<JobSpec> {
  const spec = await deps.db.jobs.spec(workspaceId, jobId);
  if (spec) return spec;
  // Only jobs from before versioned dataset configurations lack one (the upgrade filled in the others).
  throw ApplicationFailure.nonRetryable(
    `This job was recorded by an earlier release of Sluice without the settings it runs with; rerun it (POST /api/jobs/${jobId}/rerun) to process its files again`,
    'JobSpecMissing',
  );
}

/** A dataset's definition as the job froze it; undefined for a dataset the job does not read. */
export function datasetOf(spec: JobSpec, name: string): DatasetDefinition | undefined {
  if (spec.kind === 'pipeline') return spec.datasets[name]?.definition;
  return spec.dataset.definition.name === name ? spec.dataset.definition : undefined;
}

/** Every dataset the job reads, by name. */
export function datasetsOf(spec: JobSpec): DatasetDefinition[] {
  return spec.kind === 'pipeline' ? Object.values(spec.datasets).map((d) => d.definition) : [spec.dataset.definition];
}

export const fieldTypesOf = (dataset: DatasetDefinition): Record<string, FieldType> => Object.fromEntries(dataset.fields.map((f) => [f.name, f.type]));

/** The result's column types and what the source measures over them (null when nothing). */
export function resultShapeOf(spec: JobSpec): { types: Record<string, FieldType>; metrics: MetricsConfig | null } {
  if (spec.kind === 'dataset') return { types: fieldTypesOf(spec.dataset.definition), metrics: spec.dataset.definition.metrics ?? null };
  const { definition } = spec.pipeline;
  return { types: pipelineColumns(definition, (name) => datasetOf(spec, name)), metrics: definition.metrics ?? null };
}

/** How the job's files of `dataset` are read: what the upload said, over the dataset's defaults. */
export function readingOptionsOf(spec: JobSpec, dataset: DatasetDefinition): FileReadingOptions {
  return { ...dataset.reading, ...spec.reading };
}
