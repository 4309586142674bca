import type { Readable } from 'node:stream';

import { ConflictException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DEFAULT_WORKSPACE_ID, isFinishedJobStatus } from '@sluice/contracts';
import { JobsRepository } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { isMissingObject, legacyResultKey, resultKey } from '@sluice/storage';

import { storageUnavailable } from '../../infra/storage/storage-unavailable';
import { OBJECT_STORE } from '../../infra/tokens';
import type { ResultPart } from './download-job.dto';

export interface ResultDownload {
  fileName: string;
  body: Readable;
}

/** "people_2026-01-15_10-30.csv" / "people_rejected_2026-01-15_10-30.csv", from the upload time in UTC. */
export function resultFileName(dataset: string, part: ResultPart, uploadedAt: Date): string {
  const stamp = uploadedAt.toISOString().slice(0, 16).replace('T', '_').replace(':', '-');
  return `${dataset}${part === 'rejected' ? '_rejected' : ''}_${stamp}.csv`;
}

@Injectable()
export class JobResultsService {
  constructor(
    private readonly jobs: JobsRepository,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async open(workspaceId: string, jobId: string, part: ResultPart): Promise<ResultDownload> {
    const job = await this.jobs.resultsOwner(workspaceId, jobId);
    if (!job) throw new NotFoundException(`Job ${jobId} not found`);
    if (job.status === 'expired') throw new GoneException(`Job ${jobId} has expired: its files were deleted after the retention period`);
    if (!isFinishedJobStatus(job.status)) throw new ConflictException(`Job ${jobId} is still ${job.status}; results are written when it finishes`);
    try {
      return { fileName: resultFileName(job.dataset, part, job.createdAt), body: await this.readResult(workspaceId, jobId, part) };
    } catch (error) {
      if (isMissingObject(error)) throw new NotFoundException(`Job ${jobId} has no ${part} result file`);
      // The S3 client has retried transient failures already: what is left is an outage, not a bug.
      throw storageUnavailable(`Reading the ${part} result of job ${jobId}`, error);
    }
  }

  /** A job that finished before workspaces has its results under the legacy prefix. */
  private async readResult(workspaceId: string, jobId: string, part: ResultPart): Promise<Readable> {
    try {
      return await this.store.read(resultKey(workspaceId, jobId, part));
    } catch (error) {
      if (!isMissingObject(error) || workspaceId !== DEFAULT_WORKSPACE_ID) throw error;
      return this.store.read(legacyResultKey(jobId, part));
    }
  }
}
