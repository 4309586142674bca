import type { DeliveryOptions, JobSpec } from '@sluice/contracts';

import type { Prisma } from '../../generated/prisma/client';
import { jsonValue } from '../stored-json';

export interface NewJobFile {
  uploadId: string;
  fileName: string;
  objectKey: string;
  sizeBytes: number | bigint;
  /** A pipeline job's file: the dataset it was tagged with, if any. */
  dataset?: string;
}

export interface NewJob {
  id: string;
  workflowId: string;
  /** The dataset, or the pipeline, name. */
  dataset: string;
  datasetVersion?: number | null;
  pipeline?: string | null;
  retentionHours: number;
  files: NewJobFile[];
  delivery?: DeliveryOptions;
  rerunOf?: string;
  rootJobId?: string;
  scheduleId?: string;
  /** `no_files` records a scheduled run that found nothing, finished at once. */
  status?: 'waiting' | 'no_files';
  /** What the job reads and builds, frozen here; see JobSpec. */
  spec: JobSpec;
}

/** A job, its files (in order) and its delivery settings, as one create; the webhook endpoint must be of the job's workspace. */
export function newJobData(workspaceId: string, job: NewJob): Prisma.JobCreateInput {
  const finished = job.status === 'no_files' ? new Date() : null;
  return {
    id: job.id,
    workspace: { connect: { id: workspaceId } },
    dataset: job.dataset,
    datasetVersion: job.datasetVersion ?? null,
    spec: jsonValue(job.spec),
    pipeline: job.pipeline ?? null,
    workflowId: job.workflowId,
    retentionHours: job.retentionHours,
    rerunOf: job.rerunOf ?? null,
    rootJobId: job.rootJobId ?? null,
    scheduleId: job.scheduleId ?? null,
    status: job.status ?? 'waiting',
    ...(finished ? { startedAt: finished, finishedAt: finished, durationMs: 0, error: 'No files: the inbox was empty' } : {}),
    uploads: {
      create: job.files.map((f, position) => ({ id: f.uploadId, position, fileName: f.fileName, objectKey: f.objectKey, sizeBytes: f.sizeBytes, dataset: f.dataset ?? null })),
    },
    ...(job.delivery
      ? {
          delivery: {
            create: {
              endpoint: { connect: { id: job.delivery.endpointId, workspaceId } },
              url: job.delivery.url,
              rateLimit: job.delivery.rateLimit,
              retryDelaysMs: job.delivery.retryDelaysMs,
            },
          },
        }
      : {}),
  };
}
