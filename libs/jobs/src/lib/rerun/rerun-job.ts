import { randomUUID } from 'node:crypto';

import type { JobSpec, RerunJobResult } from '@sluice/contracts';
import { retentionMsOf, RUNNING_JOB_STATUSES } from '@sluice/contracts';
import type { JobsRepository, StoredJob } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { jobPrefix, sanitizeFileName, uploadKey } from '@sluice/storage';

import { JobRequestError } from '../job-request-error';
import { storageFull, type WorkspaceQuota } from '../limits/workspace-quota';
import { jobWorkflowInput } from '../job-workflow-input';
import { startRecordedJob, type StartJobDeps } from '../start-recorded-job';
import { legacyJobSpec, type LegacyJobInput } from './legacy-job-spec';

/** Reads back the input a workflow was started with (its first history event); null when the history has none. */
export interface WorkflowStartInputs {
  startInput(workflowId: string): Promise<LegacyJobInput | null>;
}

export interface RerunJobDeps extends Omit<StartJobDeps, 'jobs' | 'store'> {
  jobs: Pick<JobsRepository, 'stored' | 'recordWithinLimit' | 'delete'>;
  store: Pick<ObjectStore, 'copy' | 'deletePrefix'>;
  quota: Pick<WorkspaceQuota, 'admit'>;
  /** Only for jobs recorded before specs were stored. */
  startInputs: WorkflowStartInputs;
}

/**
 * Reruns a job as a new job of its workspace: the same files (copied, so each job's retention stays its own) and the
 * same spec (configuration versions and delivery settings), copied from the original's row. Metrics
 * of the rerun replace the original's.
 */
export class RerunJob {
  constructor(private readonly deps: RerunJobDeps) {}

  async run(workspaceId: string, id: string): Promise<RerunJobResult> {
    const { deps } = this;
    const job = await deps.jobs.stored(workspaceId, id);
    if (!job) throw new JobRequestError('not_found', `Job ${id} not found`);
    if (job.status === 'expired') throw new JobRequestError('gone', `Job ${id} has expired: its files were deleted after the retention period`);
    if (RUNNING_JOB_STATUSES.includes(job.status)) throw new JobRequestError('conflict', `Job ${id} is still ${job.status}: rerun it once it has finished`);
    if (job.files.length === 0) throw new JobRequestError('conflict', `Job ${id} has no files to rerun`);
    const spec = job.spec ?? (await this.specFromHistory(job));
    const { limits, storageBytesLeft } = await deps.quota.admit(workspaceId);
    const bytes = job.files.reduce((sum, f) => sum + Number(f.sizeBytes), 0);
    if (bytes > storageBytesLeft) throw storageFull(limits, limits.storageBytes - storageBytesLeft);

    // A workspace whose retention was shortened since keeps the rerun no longer than it now allows.
    const retentionHours = Math.min(job.retentionHours, limits.retentionHours);
    const jobId = randomUUID();
    const files = await this.copyFiles(workspaceId, job, jobId);
    const rootJobId = job.rootJobId ?? job.id;
    const delivery = spec.delivery ?? undefined;
    const input = jobWorkflowInput(spec, {
      workspaceId,
      jobId,
      // Detected datasets were recorded on the uploads: the rerun reads each file as the original did.
      files: files.map((f) => ({ uploadId: f.uploadId, key: f.key, ...(f.file.dataset ? { dataset: f.file.dataset } : {}) })),
      retentionMs: retentionMsOf(retentionHours),
      rootJobId,
    });
    await startRecordedJob(
      deps,
      workspaceId,
      limits,
      {
        id: jobId,
        dataset: job.dataset,
        datasetVersion: job.datasetVersion,
        pipeline: job.pipeline,
        retentionHours,
        files: files.map((f) => ({ uploadId: f.uploadId, fileName: f.file.fileName, objectKey: f.key, sizeBytes: f.file.sizeBytes, dataset: f.file.dataset ?? undefined })),
        delivery,
        rerunOf: job.id,
        rootJobId,
        spec,
      },
      input,
    );
    return { jobId, status: 'waiting', rerunOf: job.id };
  }

  /** Copies the original's files to the new job's keys; when one copy fails, every copy made is deleted. */
  private async copyFiles(workspaceId: string, job: StoredJob, jobId: string) {
    const copies = await Promise.allSettled(
      job.files.map(async (file) => {
        const uploadId = randomUUID();
        const key = uploadKey(workspaceId, jobId, uploadId, sanitizeFileName(file.fileName));
        await this.deps.store.copy(file.objectKey, key);
        return { file, uploadId, key };
      }),
    );
    const failed = copies.find((c) => c.status === 'rejected');
    if (failed) {
      await this.deps.store.deletePrefix(jobPrefix(workspaceId, jobId)).catch(() => undefined);
      throw failed.reason;
    }
    return copies.map((c) => (c as PromiseFulfilledResult<{ file: StoredJob['files'][number]; uploadId: string; key: string }>).value);
  }

  private async specFromHistory(job: StoredJob): Promise<JobSpec> {
    const input = await this.deps.startInputs.startInput(job.workflowId);
    if (!input) throw new JobRequestError('conflict', "The job's workflow history is gone, so its inputs cannot be read back");
    return legacyJobSpec(input, job.datasetVersion);
  }
}
