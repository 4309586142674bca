import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { InvalidRowView, JobDetailView, JobSummaryView, Paginated } from '@sluice/contracts';
import { JobsRepository } from '@sluice/db';

import type { ApiConfig } from '../../infra/config/api-config';
import { API_CONFIG } from '../../infra/tokens';
import { JobDeliveriesService } from '../webhooks/job-deliveries.service';
import { toJobDetailView } from './job-views';
import type { ListInvalidRowsDto } from './list-invalid-rows.dto';
import type { ListJobsDto } from './list-jobs.dto';

/** How many invalid rows the job detail carries; the rest are paged through their own endpoint. */
export const INVALID_ROWS_IN_DETAIL = 100;

@Injectable()
export class JobsService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly jobs: JobsRepository,
    private readonly deliveries: JobDeliveriesService,
  ) {}

  list(workspaceId: string, query: ListJobsDto): Promise<Paginated<JobSummaryView>> {
    return this.jobs.list(workspaceId, query);
  }

  async get(workspaceId: string, id: string): Promise<JobDetailView> {
    const job = await this.jobs.detail(workspaceId, id);
    if (!job) throw new NotFoundException(`Job ${id} not found`);
    const invalidRows = await this.jobs.firstInvalidRows(workspaceId, id, INVALID_ROWS_IN_DETAIL);
    return toJobDetailView(job, invalidRows, await this.deliveries.view(workspaceId, id), this.config.temporalUiUrl, this.config.temporalNamespace);
  }

  async invalidRows(workspaceId: string, id: string, { page, pageSize }: ListInvalidRowsDto): Promise<Paginated<InvalidRowView>> {
    if (!(await this.jobs.exists(workspaceId, id))) throw new NotFoundException(`Job ${id} not found`);
    return this.jobs.invalidRows(workspaceId, id, page, pageSize);
  }
}
