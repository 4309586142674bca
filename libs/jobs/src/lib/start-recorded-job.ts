import { type CsvJobInput, workflowIdForJob, type WorkspaceLimits } from '@sluice/contracts';
import type { JobsRepository, NewJob } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { jobPrefix } from '@sluice/storage';

import { JobRequestError } from './job-request-error';
import { tooManyJobs } from './limits/workspace-quota';
import type { UseCaseLogger, WorkflowStarter } from './ports';

export interface StartJobDeps {
  jobs: Pick<JobsRepository, 'recordWithinLimit' | 'delete'>;
  store: Pick<ObjectStore, 'deletePrefix'>;
  workflows: WorkflowStarter;
  logger: UseCaseLogger;
}

/**
 * Records a job of the workspace whose files are stored under its prefix and starts its workflow,
 * unless the workspace already runs as many jobs as its limits allow (429). Whatever fails, the job
 * leaves nothing behind: its row is deleted and every object under its prefix with it.
 */
export async function startRecordedJob(deps: StartJobDeps, workspaceId: string, limits: WorkspaceLimits, job: Omit<NewJob, 'workflowId'>, input: CsvJobInput): Promise<void> {
  const forget = async () => {
    await deps.jobs.delete(workspaceId, job.id).catch(() => undefined);
    await deps.store
      .deletePrefix(jobPrefix(workspaceId, job.id))
      .catch((error: unknown) => deps.logger.error(`Could not delete the objects of job ${job.id}, which did not start: ${error}`));
  };
  let outcome: { recorded: boolean; running: number };
  try {
    outcome = await deps.jobs.recordWithinLimit(workspaceId, { ...job, workflowId: workflowIdForJob(job.id) }, limits.concurrentJobs);
  } catch (error) {
    await forget();
    throw error;
  }
  if (!outcome.recorded) {
    await forget();
    throw tooManyJobs(limits, outcome.running);
  }
  try {
    await deps.workflows.startCsvJob(input);
  } catch (error) {
    deps.logger.error(`Could not start workflow for job ${job.id}: ${error}`);
    await forget();
    throw new JobRequestError('unavailable', 'Processing is unavailable right now (Temporal is not reachable); nothing was stored, please retry', { cause: error });
  }
}
