import type { JobSpec } from '@sluice/contracts';
import { RUNNING_JOB_STATUSES } from '@sluice/contracts';
import type { JobsRepository, StoredJob } from '@sluice/db';

import { JobRequestError } from '../job-request-error';

/** A finished job whose merges can be read or corrected. */
export interface MergeJob {
  job: StoredJob;
  /** The first job of its rerun chain, which keeps the chain's corrections. */
  rootJobId: string;
  /** Whether any dataset it reads de-duplicates: without, it merged nothing and keeps no provenance. */
  dedupes: boolean;
  /** Its files in upload order: a record names its file by the index here. */
  fileNames: string[];
}

const dedupesIn = (spec: JobSpec): boolean =>
  spec.kind === 'dataset' ? spec.dataset.definition.dedupe !== undefined : Object.values(spec.datasets).some((d) => d.definition.dedupe !== undefined);

/** The job, or a refusal saying why its merges cannot be shown or changed (yet, or any more). */
export async function mergeJobOf(jobs: Pick<JobsRepository, 'stored'>, workspaceId: string, jobId: string): Promise<MergeJob> {
  const job = await jobs.stored(workspaceId, jobId);
  if (!job) throw new JobRequestError('not_found', `Job ${jobId} not found`);
  if (job.status === 'expired') throw new JobRequestError('gone', `Job ${jobId} has expired: its files and merge provenance were deleted after the retention period`);
  if (RUNNING_JOB_STATUSES.includes(job.status)) throw new JobRequestError('conflict', `Job ${jobId} is still ${job.status}: its merges can be reviewed once it has finished`);
  if (job.status === 'failed' || job.status === 'no_files') {
    throw new JobRequestError('conflict', `Job ${jobId} ${job.status === 'failed' ? 'failed' : 'had no files'}, so it merged no records`);
  }
  if (!job.spec) throw new JobRequestError('conflict', `Job ${jobId} was recorded by an earlier release of Sluice without its settings; rerun it to review its merges`);
  return { job, rootJobId: job.rootJobId ?? job.id, dedupes: dedupesIn(job.spec), fileNames: job.files.map((f) => f.fileName) };
}
