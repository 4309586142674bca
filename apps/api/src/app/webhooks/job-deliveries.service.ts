import { ConflictException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DeliveryView, FailedDeliveryView, Paginated, webhookMessageId, workflowIdForJob } from '@sluice/contracts';
import type { PrismaClient } from '@sluice/db';
import { retryFailedDeliveriesSignal, setDeliveryRateSignal } from '@sluice/temporal';
import type { Client } from '@temporalio/client';

import { iso } from '../common/iso-date';
import { PRISMA, TEMPORAL_CLIENT } from '../tokens';
import { parseRateLimit } from './delivery-options';
import type { ListFailedDeliveriesDto } from './list-failed-deliveries.dto';


/** A webhook job's delivery: progress, the failed list, and the live controls (rate, replay). */
@Injectable()
export class JobDeliveriesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** Delivery progress of a job, or null for a download-mode job. */
  async view(jobId: string): Promise<DeliveryView | null> {
    const delivery = await this.prisma.jobDelivery.findUnique({ where: { jobId } });
    if (!delivery) return null;
    const [batches, replayed, failed] = await this.prisma.$transaction([
      this.prisma.deliveryBatch.aggregate({ where: { jobId }, _sum: { delivered: true } }),
      this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: { not: null } } }),
      this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: null } }),
    ]);
    const delivered = (batches._sum.delivered ?? 0) + replayed;
    return {
      endpointId: delivery.endpointId,
      url: delivery.url,
      state: delivery.state,
      rateLimit: delivery.rateLimit,
      currentRate: delivery.currentRate,
      retryDelaysMs: delivery.retryDelaysMs,
      total: delivery.total,
      delivered,
      failed,
      pending: Math.max(delivery.total - delivered - failed, 0),
      startedAt: iso(delivery.startedAt),
      finishedAt: iso(delivery.finishedAt),
    };
  }

  async failed(jobId: string, { page, pageSize }: ListFailedDeliveriesDto): Promise<Paginated<FailedDeliveryView>> {
    await this.webhookJob(jobId);
    const where = { jobId, deliveredAt: null };
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.failedDelivery.count({ where }),
      this.prisma.failedDelivery.findMany({ where, orderBy: { recordIndex: 'asc' }, skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    const items = rows.map((row) => ({
      recordIndex: row.recordIndex,
      messageId: webhookMessageId(jobId, row.recordIndex),
      attempts: row.attempts,
      lastStatus: row.lastStatus,
      lastError: row.lastError,
      failedAt: row.failedAt.toISOString(),
    }));
    return { items, total, page, pageSize };
  }

  /** Signals the job's workflow, which stores the new limit; running deliveries follow it within 100 ms. */
  async setRate(jobId: string, value: unknown): Promise<{ rateLimit: number | null }> {
    const rateLimit = parseRateLimit(value);
    await this.webhookJob(jobId, { live: true });
    await this.temporal.workflow.getHandle(workflowIdForJob(jobId)).signal(setDeliveryRateSignal, { rateLimit });
    return { rateLimit };
  }

  /** Asks the job's workflow to replay its failed deliveries (after any delivery still running). */
  async retryFailed(jobId: string): Promise<{ queued: number }> {
    await this.webhookJob(jobId, { live: true });
    const queued = await this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: null } });
    if (queued === 0) throw new ConflictException('This job has no failed deliveries to retry');
    await this.temporal.workflow.getHandle(workflowIdForJob(jobId)).signal(retryFailedDeliveriesSignal);
    return { queued };
  }

  private async webhookJob(jobId: string, { live = false } = {}): Promise<void> {
    const job = await this.prisma.job.findUnique({ where: { id: jobId }, select: { status: true, delivery: { select: { jobId: true } } } });
    if (!job) throw new NotFoundException(`Job ${jobId} not found`);
    if (!job.delivery) throw new ConflictException('This job delivers by download, not by webhook');
    if (live && job.status === 'expired') throw new GoneException('This job expired: its records were deleted');
  }
}
