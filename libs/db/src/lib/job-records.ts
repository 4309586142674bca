import type { DatasetDefinition, DeliveryOptions, JobSpec, PipelineDefinition } from '@sluice/contracts';
import { findDataset } from '@sluice/core';

import type { PrismaClient } from '../generated/prisma/client';

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

/** What launchers resolve a job's source to (and what workflow inputs carried before the spec moved to the job's row). */
export interface JobSpecSource {
  dataset: string;
  definition?: DatasetDefinition;
  pipeline?: PipelineDefinition;
  definitions?: Record<string, DatasetDefinition>;
  delivery?: DeliveryOptions;
}

/**
 * The spec of a job from its resolved source (as launchers build it today).
 * TODO(issue 12): launchers resolve a JobSpec directly, with the pipeline's real version.
 */
export function jobSpecFromInput(input: JobSpecSource, datasetVersion: number | null): JobSpec {
  const delivery = input.delivery ?? null;
  if (input.pipeline) {
    const datasets = Object.fromEntries(Object.entries(input.definitions ?? {}).map(([name, definition]) => [name, { version: null, definition }]));
    return { kind: 'pipeline', pipeline: { name: input.pipeline.name, version: 1, definition: input.pipeline }, datasets, delivery };
  }
  const definition = input.definition ?? findDataset(input.dataset);
  if (!definition) throw new Error(`Unknown dataset "${input.dataset}"`);
  return { kind: 'dataset', dataset: { version: datasetVersion, definition }, delivery };
}

/** The spec a job was launched with. */
export async function loadJobSpec(prisma: PrismaClient, jobId: string): Promise<JobSpec> {
  const job = await prisma.job.findUnique({ where: { id: jobId }, select: { spec: true } });
  if (!job?.spec) throw new Error(`Job ${jobId} has no stored spec`);
  return job.spec as unknown as JobSpec;
}

/** Records a job, its files (in order) and its delivery settings, in one statement. */
export async function recordJob(prisma: PrismaClient, job: NewJob): Promise<void> {
  const finished = job.status === 'no_files' ? new Date() : null;
  await prisma.job.create({
    data: {
      id: job.id,
      dataset: job.dataset,
      datasetVersion: job.datasetVersion ?? null,
      spec: job.spec as object,
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
        ? { delivery: { create: { endpointId: job.delivery.endpointId, url: job.delivery.url, rateLimit: job.delivery.rateLimit, retryDelaysMs: job.delivery.retryDelaysMs } } }
        : {}),
    },
  });
}
