import { randomUUID } from 'node:crypto';

import { ConflictException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CsvJobInput, RerunJobResult } from '@sluice/contracts';
import { jobSpecFromInput, type JobSpecSource, loadJobSpec, type PrismaClient } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { sanitizeFileName, uploadKey } from '@sluice/storage';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Client } from '@temporalio/client';

import { OBJECT_STORE, PRISMA, TEMPORAL_CLIENT } from '../tokens';
import { JobLauncherService } from './job-launcher.service';

/**
 * Reruns a job from its stored inputs as a new job: the same files (copied, so each job's retention
 * stays its own), the same configuration versions and delivery settings, as recorded in the original
 * workflow's start event. Metrics of the rerun replace the original's.
 */
@Injectable()
export class JobRerunService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly launcher: JobLauncherService,
  ) {}

  async rerun(id: string): Promise<RerunJobResult> {
    const job = await this.prisma.job.findUnique({ where: { id }, include: { uploads: { orderBy: { position: 'asc' } }, delivery: true } });
    if (!job) throw new NotFoundException(`Job ${id} not found`);
    if (job.status === 'expired') throw new GoneException(`Job ${id} has expired: its files were deleted after the retention period`);
    if (job.status === 'waiting' || job.status === 'processing') throw new ConflictException(`Job ${id} is still ${job.status}: rerun it once it has finished`);
    if (job.uploads.length === 0) throw new ConflictException(`Job ${id} has no files to rerun`);
    const original = await this.originalInput(job.workflowId);

    const jobId = randomUUID();
    const files = await Promise.all(
      job.uploads.map(async (u) => {
        const uploadId = randomUUID();
        const key = uploadKey(jobId, uploadId, sanitizeFileName(u.fileName));
        await this.store.copy(u.objectKey, key);
        return { upload: u, uploadId, key };
      }),
    );
    // The rerun copies the job's spec; jobs from before specs were stored carried theirs in the workflow input.
    const spec = job.spec ? await loadJobSpec(this.prisma, job.id) : jobSpecFromInput(original, job.datasetVersion);
    const input: CsvJobInput = {
      jobId,
      dataset: original.dataset,
      // Detected datasets were recorded on the uploads: the rerun reads each file as the original did.
      files: files.map((f) => ({ uploadId: f.uploadId, key: f.key, ...(f.upload.dataset ? { dataset: f.upload.dataset } : {}) })),
      retentionMs: original.retentionMs,
      ...(original.delivery ? { delivery: original.delivery } : {}),
      ...(spec.kind === 'pipeline' ? { baseDataset: spec.pipeline.definition.base } : {}),
      rootJobId: job.rootJobId ?? job.id,
    };
    await this.launcher.launch(
      {
        id: jobId,
        dataset: job.dataset,
        datasetVersion: job.datasetVersion,
        pipeline: job.pipeline,
        retentionHours: job.retentionHours,
        files: files.map((f) => ({ uploadId: f.uploadId, fileName: f.upload.fileName, objectKey: f.key, sizeBytes: f.upload.sizeBytes, dataset: f.upload.dataset ?? undefined })),
        delivery: original.delivery,
        rerunOf: job.id,
        rootJobId: input.rootJobId,
        spec,
      },
      input,
    );
    return { jobId, status: 'waiting', rerunOf: job.id };
  }

  /** The input the job's workflow was started with: its first history event holds it. */
  private async originalInput(workflowId: string): Promise<CsvJobInput & JobSpecSource> {
    const history = await this.temporal.workflow.getHandle(workflowId).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload) throw new ConflictException('The job\'s workflow history is gone, so its inputs cannot be read back');
    return defaultPayloadConverter.fromPayload<CsvJobInput & JobSpecSource>(payload);
  }
}
