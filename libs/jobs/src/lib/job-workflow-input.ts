import { type CsvJobFile, type CsvJobInput, type JobSpec, jobSourceOf } from '@sluice/contracts';

/** A job's workflow input from its spec: workspace, ids, files, retention and delivery; activities load the rest by job id. */
export function jobWorkflowInput(spec: JobSpec, job: { workspaceId: string; jobId: string; files: CsvJobFile[]; retentionMs: number; rootJobId?: string }): CsvJobInput {
  return {
    workspaceId: job.workspaceId,
    jobId: job.jobId,
    dataset: jobSourceOf(spec),
    files: job.files,
    retentionMs: job.retentionMs,
    ...(spec.kind === 'pipeline' ? { baseDataset: spec.pipeline.definition.base } : {}),
    ...(spec.delivery ? { delivery: spec.delivery } : {}),
    ...(job.rootJobId ? { rootJobId: job.rootJobId } : {}),
  };
}

/** The job row's columns a spec decides: the source it is filed under and the configuration versions. */
export function specColumns(spec: JobSpec): { dataset: string; datasetVersion: number | null; pipeline: string | null } {
  const name = jobSourceOf(spec);
  return { dataset: name, datasetVersion: spec.kind === 'dataset' ? spec.dataset.version : null, pipeline: spec.kind === 'pipeline' ? name : null };
}
