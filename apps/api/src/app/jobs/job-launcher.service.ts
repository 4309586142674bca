import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { CSV_JOB_WORKFLOW, CsvJobInput } from '@sluice/contracts';
import { NewJob, PrismaClient, recordJob } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { jobPrefix } from '@sluice/storage';
import { csvJobStartOptions } from '@sluice/temporal';
import type { Client } from '@temporalio/client';

import type { ApiConfig } from '../config/api-config';
import { API_CONFIG, OBJECT_STORE, PRISMA, TEMPORAL_CLIENT } from '../tokens';

/** Records a job whose files are stored and starts its workflow; if Temporal refuses, nothing is left behind. */
@Injectable()
export class JobLauncherService {
  private readonly logger = new Logger(JobLauncherService.name);

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async launch(job: Omit<NewJob, 'workflowId'>, input: CsvJobInput): Promise<void> {
    const options = csvJobStartOptions(input, this.config.taskQueue);
    await recordJob(this.prisma, { ...job, workflowId: options.workflowId });
    try {
      await this.temporal.workflow.start(CSV_JOB_WORKFLOW, options);
    } catch (error) {
      this.logger.error(`Could not start workflow for job ${job.id}: ${error}`);
      await this.prisma.job.delete({ where: { id: job.id } }).catch(() => undefined);
      await this.store.deletePrefix(jobPrefix(job.id)).catch(() => undefined);
      throw new ServiceUnavailableException('Processing is unavailable right now (Temporal is not reachable); nothing was stored, please retry');
    }
  }
}
