import type { DeliveryState, FailedDelivery, JobDelivery, JobStatus, PrismaClient } from '../../generated/prisma/client';
import { type ActivityFence, fencedWrite } from '../fences/activity-fence';
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
 * Every method takes the workspace first and reaches only its jobs' deliveries.
 */
export class DeliveriesRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: SecretBox,
  ) {}

  /**
   * The delivery engine's store (DeliveryStore in @sluice/webhooks) for one workspace's jobs: the
   * engine keys everything by job id, and this binds the workspace every call goes through. With a
   * fence, what the engine stores is the fenced attempt's only while it is current: a replaced attempt's
   * next acknowledgement, failure or progress throws SupersededAttempt and its sending stops.
   */
  forWorkspace(workspaceId: string, fence?: ActivityFence) {
    return {
      reserveSendSlots: (jobId: string, count: number) => this.reserveSendSlots(workspaceId, jobId, count),
      openAckCheckpoint: (jobId: string, batchIndex: number) => this.openAckCheckpoint(workspaceId, jobId, batchIndex),
      saveAcked: (jobId: string, batchIndex: number, acked: IndexRuns) => this.saveAcked(workspaceId, jobId, batchIndex, acked, fence),
      deliveryTarget: (jobId: string) => this.deliveryTarget(workspaceId, jobId),
      recordFailure: (jobId: string, recordIndex: number, failure: DeliveryFailureRecord) => this.recordFailure(workspaceId, jobId, recordIndex, failure, fence),
      saveBatchProgress: (jobId: string, batchIndex: number, progress: { delivered: number; currentRate: number }) =>
        this.saveBatchProgress(workspaceId, jobId, batchIndex, progress, fence),
      saveCurrentRate: (jobId: string, currentRate: number) => this.saveCurrentRate(workspaceId, jobId, currentRate, fence),
      markRedelivered: (jobId: string, recordIndex: number) => this.markRedelivered(workspaceId, jobId, recordIndex, fence),
      outstandingFailures: (jobId: string) => this.outstandingFailures(workspaceId, jobId),
      markRedelivering: (jobId: string) => this.markRedelivering(workspaceId, jobId),
    };
  }

  /** Creates nothing for another workspace's job: what upserts check first, as their create cannot filter. */
  private async assertJobOf(workspaceId: string, jobId: string): Promise<void> {
    if (!(await this.prisma.job.count({ where: { id: jobId, workspaceId } }))) throw new Error(`No job ${jobId} in workspace ${workspaceId}`);
  }

  /** Read by the delivery activity itself, so the opened secret never enters workflow history. */
  async deliveryTarget(workspaceId: string, jobId: string): Promise<{ url: string; secret: string; retryDelaysMs: number[] }> {
    const delivery = await this.prisma.jobDelivery.findUniqueOrThrow({
      where: { jobId, job: { workspaceId } },
      select: { url: true, retryDelaysMs: true, endpoint: { select: { secret: true } } },
    });
    return { url: delivery.url, secret: this.secrets.openOrPlain(delivery.endpoint.secret), retryDelaysMs: delivery.retryDelaysMs };
  }

  reserveSendSlots(workspaceId: string, jobId: string, count: number): Promise<SendSlotReservation | null> {
    return reserveSendSlots(this.prisma, workspaceId, jobId, count);
  }

  async setRateLimit(workspaceId: string, jobId: string, rateLimit: number | null): Promise<void> {
    await this.prisma.jobDelivery.update({ where: { jobId, job: { workspaceId } }, data: { rateLimit } });
  }

  async openAckCheckpoint(workspaceId: string, jobId: string, batchIndex: number): Promise<IndexRuns> {
    await this.assertJobOf(workspaceId, jobId);
    const where = { jobId_index: { jobId, index: batchIndex } };
    const row = await this.prisma.deliveryBatch.upsert({ where, create: { jobId, index: batchIndex }, update: {}, select: { acked: true } });
    return indexRunsSchema.parse(row.acked);
  }

  async saveAcked(workspaceId: string, jobId: string, batchIndex: number, acked: IndexRuns, fence?: ActivityFence): Promise<void> {
    await fencedWrite(this.prisma, fence, (tx) =>
      tx.deliveryBatch.update({ where: { jobId_index: { jobId, index: batchIndex }, delivery: { job: { workspaceId } } }, data: { acked }, select: { index: true } }),
    );
  }

  async saveBatchProgress(
    workspaceId: string,
    jobId: string,
    batchIndex: number,
    { delivered, currentRate }: { delivered: number; currentRate: number },
    fence?: ActivityFence,
  ): Promise<void> {
    await fencedWrite(this.prisma, fence, async (tx) => {
      await tx.deliveryBatch.update({ where: { jobId_index: { jobId, index: batchIndex }, delivery: { job: { workspaceId } } }, data: { delivered } });
      await tx.jobDelivery.update({ where: { jobId, job: { workspaceId } }, data: { currentRate } });
    });
  }

  async saveCurrentRate(workspaceId: string, jobId: string, currentRate: number, fence?: ActivityFence): Promise<void> {
    await fencedWrite(this.prisma, fence, (tx) => tx.jobDelivery.update({ where: { jobId, job: { workspaceId } }, data: { currentRate } }));
  }

  async recordFailure(workspaceId: string, jobId: string, recordIndex: number, failure: DeliveryFailureRecord, fence?: ActivityFence): Promise<void> {
    await this.assertJobOf(workspaceId, jobId);
    const data = { ...failure, failedAt: new Date(), deliveredAt: null };
    await fencedWrite(this.prisma, fence, (tx) =>
      tx.failedDelivery.upsert({ where: { jobId_recordIndex: { jobId, recordIndex } }, create: { jobId, recordIndex, ...data }, update: data }),
    );
  }

  outstandingFailures(workspaceId: string, jobId: string): Promise<{ recordIndex: number; attempts: number }[]> {
    return this.prisma.failedDelivery.findMany({
      where: { jobId, deliveredAt: null, delivery: { job: { workspaceId } } },
      orderBy: { recordIndex: 'asc' },
      select: { recordIndex: true, attempts: true },
    });
  }

  countOutstandingFailures(workspaceId: string, jobId: string): Promise<number> {
    return this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: null, delivery: { job: { workspaceId } } } });
  }

  /** The job's records are stored and counted: delivery starts now. */
  async markDelivering(workspaceId: string, jobId: string, total: number, fence?: ActivityFence): Promise<void> {
    await fencedWrite(this.prisma, fence, (tx) => tx.jobDelivery.update({ where: { jobId, job: { workspaceId } }, data: { total, state: 'delivering', startedAt: new Date() } }));
  }

  async markRedelivering(workspaceId: string, jobId: string): Promise<void> {
    await this.prisma.jobDelivery.update({ where: { jobId, job: { workspaceId } }, data: { state: 'delivering', finishedAt: null } });
  }

  async markRedelivered(workspaceId: string, jobId: string, recordIndex: number, fence?: ActivityFence): Promise<void> {
    await fencedWrite(this.prisma, fence, (tx) =>
      tx.failedDelivery.update({ where: { jobId_recordIndex: { jobId, recordIndex }, delivery: { job: { workspaceId } } }, data: { deliveredAt: new Date() } }),
    );
  }

  /** What decides how the job's delivery ended (see settledDeliveryState in @sluice/webhooks). */
  async outcomeFacts(workspaceId: string, jobId: string): Promise<{ total: number; startedAt: Date | null; outstandingFailures: number }> {
    const delivery = await this.prisma.jobDelivery.findUniqueOrThrow({ where: { jobId, job: { workspaceId } }, select: { total: true, startedAt: true } });
    return { ...delivery, outstandingFailures: await this.countOutstandingFailures(workspaceId, jobId) };
  }

  /**
   * Stores how delivery ended and when the job's results expire, in one transaction. Every batch is
   * done with, so the acknowledgement checkpoints are emptied (replays work from the failed list).
   */
  async settle(
    workspaceId: string,
    jobId: string,
    { state, error, finishedAt, expiresAt }: { state: DeliveryState; error: string | null; finishedAt: Date; expiresAt: Date },
  ): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.jobDelivery.update({ where: { jobId, job: { workspaceId } }, data: { state, error, finishedAt, currentRate: 0 } }),
      this.prisma.deliveryBatch.updateMany({ where: { jobId, delivery: { job: { workspaceId } } }, data: { acked: [] } }),
      this.prisma.job.update({ where: { id: jobId, workspaceId }, data: { expiresAt } }),
    ]);
  }

  /** The job's status and whether it delivers by webhook; null when there is no such job. */
  async deliveryModeOf(workspaceId: string, jobId: string): Promise<{ jobStatus: JobStatus; webhook: boolean } | null> {
    const job = await this.prisma.job.findUnique({ where: { id: jobId, workspaceId }, select: { status: true, delivery: { select: { jobId: true } } } });
    return job && { jobStatus: job.status, webhook: job.delivery !== null };
  }

  /** Null for a download-mode job. */
  async progress(workspaceId: string, jobId: string): Promise<DeliveryProgressRecord | null> {
    const delivery = await this.prisma.jobDelivery.findUnique({ where: { jobId, job: { workspaceId } }, select: progressFields });
    if (!delivery) return null;
    const [batches, redelivered, failed] = await this.prisma.$transaction([
      this.prisma.deliveryBatch.aggregate({ where: { jobId }, _sum: { delivered: true } }),
      this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: { not: null } } }),
      this.prisma.failedDelivery.count({ where: { jobId, deliveredAt: null } }),
    ]);
    return { ...delivery, deliveredInBatches: batches._sum.delivered ?? 0, redelivered, failed };
  }

  /** One page of the failed list, by record index, and its full length. */
  async listFailed(workspaceId: string, jobId: string, { skip, take }: { skip: number; take: number }): Promise<{ total: number; rows: FailedDelivery[] }> {
    const where = { jobId, deliveredAt: null, delivery: { job: { workspaceId } } };
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.failedDelivery.count({ where }),
      this.prisma.failedDelivery.findMany({ where, orderBy: { recordIndex: 'asc' }, skip, take }),
    ]);
    return { total, rows };
  }
}
