import type { DatasetDefinition } from './dataset-definition';
import type { FileReadingOptions } from './file-reading';
import type { PipelineDefinition } from './pipeline-definition';
import type { DeliveryOptions } from './webhook-delivery';

/** A dataset definition as a job froze it; `version` is null for jobs from before versioned configurations (the preset). */
export interface JobDataset {
  version: number | null;
  definition: DatasetDefinition;
}

/**
 * What a job reads and builds, frozen at launch on its row (`Job.spec`): a configuration change never
 * alters a job already started, and a rerun copies the row. Activities load it by job id, so the
 * workflow input carries only ids, files, retention and delivery.
 */
export type JobSpec = DatasetJobSpec | PipelineJobSpec;

export interface DatasetJobSpec {
  kind: 'dataset';
  dataset: JobDataset;
  delivery: DeliveryOptions | null;
  /** How the upload said its files are read (over the datasets' defaults); detected where absent. */
  reading?: FileReadingOptions;
  /** The upload asked for `_cluster_id` and `_source_lines` columns in clean.csv (merge provenance); absent: not. */
  provenanceColumns?: boolean;
}

export interface PipelineJobSpec {
  kind: 'pipeline';
  pipeline: { name: string; version: number; definition: PipelineDefinition };
  /** Every dataset the pipeline joins, by name. */
  datasets: Record<string, JobDataset>;
  delivery: DeliveryOptions | null;
  /** How the upload said its files are read (over the datasets' defaults); detected where absent. */
  reading?: FileReadingOptions;
  /** The upload asked for `_cluster_id` and `_source_lines` columns in clean.csv (merge provenance); absent: not. */
  provenanceColumns?: boolean;
}

/** The dataset or pipeline name a job is filed under. */
export function jobSourceOf(spec: JobSpec): string {
  return spec.kind === 'pipeline' ? spec.pipeline.name : spec.dataset.definition.name;
}
