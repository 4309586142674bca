import type { DeliveryState, FailedDelivery, JobDelivery, JobStatus, PrismaClient } from '../../generated/prisma/client';
import { IndexRuns, indexRunsSchema } from './index-runs';
import type { SecretBox } from '../secrets/secret-box';
import { reserveSendSlots, SendSlotReservation } from './send-schedule';

const progressFields = {
  endpointId: true,
  url: true,
  state: true,
  rateLimit: true,
  currentRate: true,
  retryDelaysMs: true,
  total: true,
  startedAt: true,
  finishedAt: true,
} as const;

/** A webhook job's delivery settings and how far it has got. */
export type DeliveryProgressRecord = Pick<JobDelivery, keyof typeof progressFields> & {
  /** Acknowledged by the batches' deliveries. */
  deliveredInBatches: number;
  /** Failed first, acknowledged by a replay. */
  redelivered: number;
  /** Still on the failed list. */
  failed: number;
};

export interface DeliveryFailureRecord {
  attempts: number;
  lastStatus: number | null;
  lastError: string;
}

/**
 * The deliveries of webhook-mode jobs (JobDelivery, DeliveryBatch, FailedDelivery): what the delivery
 * engine stores as it goes (see DeliveryStore in @sluice/webhooks), its bookkeeping, and the API's views.
 */
export class DeliveriesRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: SecretBox,
  ) {}

  /** Read by the delivery activity itself, so the opened secret never enters workflow history. */
  async deliveryTarget(jobId: string): Promise<{ url: string; secret: string; retryDelaysMs: number[] }> {
    const delivery = await this.prisma.jobDelivery.findUniqueOrThrow({ where: { jobId }, select: { url: true, retryDelaysMs: true, endpoint: { select: { secret: true } } } });
    return { url: delivery.url, secret: this.secrets.openOrPlain(delivery.endpoint.secret), retryDelaysMs: delivery.retryDelaysMs };
  }

  reserveSendSlots(jobId: string, count: number): Promise<SendSlotReservation | null> {
    return reserveSendSlots(this.prisma, jobId, count);
  }

  async setRateLimit(jobId: string, rateLimit: number | null): Promise<void> {
    await this.prisma.jobDelivery.update({ where: { jobId }, data: { rateLimit } });
  }

  async openAckCheckpoint(jobId: string, batchIndex: number): Promise<IndexRuns> {
    const where = { jobId_index: { jobId, index: batchIndex } };
    const row = await this.prisma.deliveryBatch.upsert({ where, create: { jobId, index: batchIndex }, update: {}, select: { acked: true } });
    return indexRunsSchema.parse(row.acked);
  }

  async saveAcked(jobId: string, batchIndex: number, acked: IndexRuns): Promise<void> {
    await this.prisma.deliveryBatch.update({ where: { jobId_index: { jobId, index: batchIndex } }, data: { acked }, select: { index: true } });
  }

  async saveBatchProgress(jobId: string, batchIndex: number, { delivered, currentRate }: { delivered: number; currentRate: number }): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.deliveryBatch.update({ where: { jobId_index: { jobId, index: batchIndex } }, data: { delivered } }),
      this.prisma.jobDelivery.update({ where: { jobId }, data: { currentRate } }),
    ]);
  }

  async saveCurrentRate(jobId: string, currentRate: number): Promise<void> {
    await this.prisma.jobDelivery.update({ where: { jobId }, data: { currentRate } });
  }

  async recordFailure(jobId: string, recordIndex: number, failure: DeliveryFailureRecord): Promise<void> {
    const data = { ...failure, failedAt: new Date(), deliveredAt: null };
    await this.prisma.failedDelivery.upsert({ where: { jobId_recordIndex: { jobId, recordIndex } }, create: { jobId, recordIndex, ...data }, update: data });
  }

  outstandingFailures(jobId: string): Promise<{ recordIndex: number; attempts: number }[]> {
    return this.prisma.failedDelivery.findMany({ where: { jobId, deliveredAt: null }, orderBy: { recordIndex: 'asc' }, select: { recordIndex: true, attempts: true } });
  }

  countOutstandingFailures(jobId: string): Promise<number> {
    return this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: null } });
  }

  /** The job's records are stored and counted: delivery starts now. */
  async markDelivering(jobId: string, total: number): Promise<void> {
    await this.prisma.jobDelivery.update({ where: { jobId }, data: { total, state: 'delivering', startedAt: new Date() } });
  }

  async markRedelivering(jobId: string): Promise<void> {
    await this.prisma.jobDelivery.update({ where: { jobId }, data: { state: 'delivering', finishedAt: null } });
  }

  async markRedelivered(jobId: string, recordIndex: number): Promise<void> {
    await this.prisma.failedDelivery.update({ where: { jobId_recordIndex: { jobId, recordIndex } }, data: { deliveredAt: new Date() } });
  }

  /** What decides how the job's delivery ended (see settledDeliveryState in @sluice/webhooks). */
  async outcomeFacts(jobId: string): Promise<{ total: number; startedAt: Date | null; outstandingFailures: number }> {
    const delivery = await this.prisma.jobDelivery.findUniqueOrThrow({ where: { jobId }, select: { total: true, startedAt: true } });
    return { ...delivery, outstandingFailures: await this.countOutstandingFailures(jobId) };
  }

  /**
   * Stores how delivery ended and when the job's results expire, in one transaction. Every batch is
   * done with, so the acknowledgement checkpoints are emptied (replays work from the failed list).
   */
  async settle(jobId: string, { state, error, finishedAt, expiresAt }: { state: DeliveryState; error: string | null; finishedAt: Date; expiresAt: Date }): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.jobDelivery.update({ where: { jobId }, data: { state, error, finishedAt, currentRate: 0 } }),
      this.prisma.deliveryBatch.updateMany({ where: { jobId }, data: { acked: [] } }),
      this.prisma.job.update({ where: { id: jobId }, data: { expiresAt } }),
    ]);
  }

  /** The job's status and whether it delivers by webhook; null when there is no such job. */
  async deliveryModeOf(jobId: string): Promise<{ jobStatus: JobStatus; webhook: boolean } | null> {
    const job = await this.prisma.job.findUnique({ where: { id: jobId }, select: { status: true, delivery: { select: { jobId: true } } } });
    return job && { jobStatus: job.status, webhook: job.delivery !== null };
  }

  /** Null for a download-mode job. */
  async progress(jobId: string): Promise<DeliveryProgressRecord | null> {
    const delivery = await this.prisma.jobDelivery.findUnique({ where: { jobId }, select: progressFields });
    if (!delivery) return null;
    const [batches, redelivered, failed] = await this.prisma.$transaction([
      this.prisma.deliveryBatch.aggregate({ where: { jobId }, _sum: { delivered: true } }),
      this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: { not: null } } }),
      this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: null } }),
    ]);
    return { ...delivery, deliveredInBatches: batches._sum.delivered ?? 0, redelivered, failed };
  }

  /** One page of the failed list, by record index, and its full length. */
  async listFailed(jobId: string, { skip, take }: { skip: number; take: number }): Promise<{ total: number; rows: FailedDelivery[] }> {
    const where = { jobId, deliveredAt: null };
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.failedDelivery.count({ where }),
      this.prisma.failedDelivery.findMany({ where, orderBy: { recordIndex: 'asc' }, skip, take }),
    ]);
    return { total, rows };
  }
}
