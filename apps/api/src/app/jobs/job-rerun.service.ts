import { randomUUID } from 'node:crypto';

import { ConflictException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CsvJobInput, DatasetDefinition, JobSpec, PipelineDefinition, RerunJobResult } from '@sluice/contracts';
import { retentionMsOf } from '@sluice/contracts';
import { findDataset } from '@sluice/core';
import { JobsRepository, type StoredJob } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { sanitizeFileName, uploadKey } from '@sluice/storage';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Client } from '@temporalio/client';

import { OBJECT_STORE, TEMPORAL_CLIENT } from '../tokens';
import { JobLauncherService } from './job-launcher.service';

/** A workflow input from before specs were stored: the definitions travelled in it. */
type LegacyJobInput = CsvJobInput & { definition?: DatasetDefinition; pipeline?: PipelineDefinition; definitions?: Record<string, DatasetDefinition> };

/**
 * Reruns a job as a new job: the same files (copied, so each job's retention stays its own) and the
 * same spec (configuration versions and delivery settings), copied from the original's row. Metrics
 * of the rerun replace the original's.
 */
@Injectable()
export class JobRerunService {
  constructor(
    private readonly jobs: JobsRepository,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly launcher: JobLauncherService,
  ) {}

  async rerun(id: string): Promise<RerunJobResult> {
    const job = await this.jobs.stored(id);
    if (!job) throw new NotFoundException(`Job ${id} not found`);
    if (job.status === 'expired') throw new GoneException(`Job ${id} has expired: its files were deleted after the retention period`);
    if (job.status === 'waiting' || job.status === 'processing') throw new ConflictException(`Job ${id} is still ${job.status}: rerun it once it has finished`);
    if (job.files.length === 0) throw new ConflictException(`Job ${id} has no files to rerun`);
    const spec = job.spec ?? (await this.specFromHistory(job));

    const jobId = randomUUID();
    const files = await Promise.all(
      job.files.map(async (f) => {
        const uploadId = randomUUID();
        const key = uploadKey(jobId, uploadId, sanitizeFileName(f.fileName));
        await this.store.copy(f.objectKey, key);
        return { file: f, uploadId, key };
      }),
    );
    const rootJobId = job.rootJobId ?? job.id;
    const delivery = spec.delivery ?? undefined;
    const input: CsvJobInput = {
      jobId,
      dataset: job.dataset,
      // Detected datasets were recorded on the uploads: the rerun reads each file as the original did.
      files: files.map((f) => ({ uploadId: f.uploadId, key: f.key, ...(f.file.dataset ? { dataset: f.file.dataset } : {}) })),
      retentionMs: retentionMsOf(job.retentionHours),
      ...(spec.kind === 'pipeline' ? { baseDataset: spec.pipeline.definition.base } : {}),
      ...(delivery ? { delivery } : {}),
      rootJobId,
    };
    await this.launcher.launch(
      {
        id: jobId,
        dataset: job.dataset,
        datasetVersion: job.datasetVersion,
        pipeline: job.pipeline,
        retentionHours: job.retentionHours,
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

  /**
   * The spec of a job recorded before specs were stored, from the input its workflow was started
   * with (its first history event holds it); pipeline versions were not kept then, so they read as 1.
   */
  private async specFromHistory(job: StoredJob): Promise<JobSpec> {
    const history = await this.temporal.workflow.getHandle(job.workflowId).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload) throw new ConflictException('The job\'s workflow history is gone, so its inputs cannot be read back');
    const input = defaultPayloadConverter.fromPayload<LegacyJobInput>(payload);
    const delivery = input.delivery ?? null;
    if (input.pipeline) {
      const datasets = Object.fromEntries(Object.entries(input.definitions ?? {}).map(([name, definition]) => [name, { version: null, definition }]));
      return { kind: 'pipeline', pipeline: { name: input.pipeline.name, version: 1, definition: input.pipeline }, datasets, delivery };
    }
    const definition = input.definition ?? findDataset(input.dataset);
    if (!definition) throw new ConflictException(`The job's dataset "${input.dataset}" is not known any more`);
    return { kind: 'dataset', dataset: { version: job.datasetVersion, definition }, delivery };
  }
}
