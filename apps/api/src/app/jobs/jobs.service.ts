import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { InvalidRowView, JobDetailView, JobSummaryView, Paginated } from '@sluice/contracts';
import type { PrismaClient } from '@sluice/db';

import type { ApiConfig } from '../config/api-config';
import { API_CONFIG, PRISMA } from '../tokens';
import { JobDeliveriesService } from '../webhooks/job-deliveries.service';
import { toInvalidRowView, toJobDetailView, toJobSummaryView } from './job-views';
import type { ListInvalidRowsDto } from './list-invalid-rows.dto';
import type { ListJobsDto } from './list-jobs.dto';

/** How many invalid rows the job detail carries; the rest are paged through their own endpoint. */
export const INVALID_ROWS_IN_DETAIL = 100;

const INVALID_ROW_ORDER = [{ uploadId: 'asc' as const }, { line: 'asc' as const }];

@Injectable()
export class JobsService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly deliveries: JobDeliveriesService,
  ) {}

  async list({ page, pageSize, status, dataset, from, to }: ListJobsDto): Promise<Paginated<JobSummaryView>> {
    const created = { ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}), ...(to ? { lt: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) } : {}) };
    const where = { ...(status ? { status } : {}), ...(dataset ? { dataset } : {}), ...(from || to ? { createdAt: created } : {}) };
    const [total, jobs] = await this.prisma.$transaction([
      this.prisma.job.count({ where }),
      this.prisma.job.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        include: { uploads: { select: { id: true }, orderBy: [{ uploadedAt: 'asc' }, { position: 'asc' }] } },
      }),
    ]);
    return { items: jobs.map(toJobSummaryView), total, page, pageSize };
  }

  async get(id: string): Promise<JobDetailView> {
    const job = await this.prisma.job.findUnique({ where: { id }, include: { uploads: { orderBy: [{ uploadedAt: 'asc' }, { position: 'asc' }] } } });
    if (!job) throw new NotFoundException(`Job ${id} not found`);
    const items = await this.prisma.invalidRow.findMany({ where: { jobId: id }, orderBy: INVALID_ROW_ORDER, take: INVALID_ROWS_IN_DETAIL });
    const total = items.length < INVALID_ROWS_IN_DETAIL ? items.length : await this.prisma.invalidRow.count({ where: { jobId: id } });
    return toJobDetailView(job, { total, items }, await this.deliveries.view(id), this.config.temporalUiUrl, this.config.temporalNamespace);
  }

  async invalidRows(id: string, { page, pageSize }: ListInvalidRowsDto): Promise<Paginated<InvalidRowView>> {
    if (!(await this.prisma.job.count({ where: { id } }))) throw new NotFoundException(`Job ${id} not found`);
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.invalidRow.count({ where: { jobId: id } }),
      this.prisma.invalidRow.findMany({ where: { jobId: id }, orderBy: INVALID_ROW_ORDER, skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    return { items: rows.map(toInvalidRowView), total, page, pageSize };
  }
}
