import { isMissingObject } from '@sluice/storage';

import { JobRequestError } from '../job-request-error';
import type { MergeJob } from './merge-job';
import type { ProvenanceFiles } from './provenance-files';

/**
 * Runs `work` over a local copy of the job's provenance at its current output version. A job whose output was
 * built before Sluice kept provenance has none: that is a conflict the person can resolve by rerunning it.
 */
export async function withProvenance<T>(files: ProvenanceFiles, workspaceId: string, { job }: MergeJob, work: (file: string) => Promise<T>): Promise<T> {
  try {
    return await files.use(workspaceId, job.id, job.outputVersion, work);
  } catch (error) {
    if (!isMissingObject(error)) throw error;
    throw new JobRequestError('conflict', `Job ${job.id} has no merge provenance: its output was built before Sluice kept it. Rerun the job to review its merges`);
  }
}
