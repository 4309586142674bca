import { ConflictException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DeliveryView, FailedDeliveryView, Paginated, webhookMessageId, workflowIdForJob } from '@sluice/contracts';
import { DeliveriesRepository } from '@sluice/db';
import { parseRateLimit } from '@sluice/jobs';
import { retryFailedDeliveriesSignal, setDeliveryRateSignal } from '@sluice/temporal';
import type { Client } from '@temporalio/client';

import { iso } from '../common/iso-date';
import { TEMPORAL_CLIENT } from '../../infra/tokens';
import type { ListFailedDeliveriesDto } from './list-failed-deliveries.dto';

/** A webhook job's delivery: progress, the failed list, and the live controls (rate, replay). */
@Injectable()
export class JobDeliveriesService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** Delivery progress of a job, or null for a download-mode job. */
  async view(workspaceId: string, jobId: string): Promise<DeliveryView | null> {
    const delivery = await this.deliveries.progress(workspaceId, jobId);
    if (!delivery) return null;
    const { failed } = delivery;
    const delivered = delivery.deliveredInBatches + delivery.redelivered;
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

  async failed(workspaceId: string, jobId: string, { page, pageSize }: ListFailedDeliveriesDto): Promise<Paginated<FailedDeliveryView>> {
    await this.webhookJob(workspaceId, jobId);
    const { total, rows } = await this.deliveries.listFailed(workspaceId, jobId, { skip: (page - 1) * pageSize, take: pageSize });
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
  async setRate(workspaceId: string, jobId: string, value: unknown): Promise<{ rateLimit: number | null }> {
    const rateLimit = parseRateLimit(value);
    await this.webhookJob(workspaceId, jobId, { live: true });
    await this.temporal.workflow.getHandle(workflowIdForJob(jobId)).signal(setDeliveryRateSignal, { rateLimit });
    return { rateLimit };
  }

  /** Asks the job's workflow to replay its failed deliveries (after any delivery still running). */
  async retryFailed(workspaceId: string, jobId: string): Promise<{ queued: number }> {
    await this.webhookJob(workspaceId, jobId, { live: true });
    const queued = await this.deliveries.countOutstandingFailures(workspaceId, jobId);
    if (queued === 0) throw new ConflictException('This job has no failed deliveries to retry');
    await this.temporal.workflow.getHandle(workflowIdForJob(jobId)).signal(retryFailedDeliveriesSignal);
    return { queued };
  }

  /** The workspace's webhook job, checked before Temporal is signalled: another workspace's job is not found, like a missing one. */
  private async webhookJob(workspaceId: string, jobId: string, { live = false } = {}): Promise<void> {
    const job = await this.deliveries.deliveryModeOf(workspaceId, jobId);
    if (!job) throw new NotFoundException(`Job ${jobId} not found`);
    if (!job.webhook) throw new ConflictException('This job delivers by download, not by webhook');
    if (live && job.jobStatus === 'expired') throw new GoneException('This job expired: its records were deleted');
  }
}
