import type { ActivityDeps } from '../activity-deps';

export async function applyDeliveryRate(deps: ActivityDeps, { jobId, rateLimit }: { jobId: string; rateLimit: number | null }): Promise<void> {
  await deps.prisma.jobDelivery.update({ where: { jobId }, data: { rateLimit } });
}

/** Settles the delivery state from what is stored, and starts the retention clock at the end of delivery. */
export async function finishDelivery(deps: ActivityDeps, { jobId, retentionMs, error }: { jobId: string; retentionMs: number; error: string | null }): Promise<void> {
  const { prisma } = deps;
  const delivery = await prisma.jobDelivery.findUniqueOrThrow({ where: { jobId }, select: { total: true, startedAt: true } });
  const failed = await prisma.failedDelivery.count({ where: { jobId, deliveredAt: null } });
  const state = delivery.startedAt === null || delivery.total === 0 ? 'skipped' : failed > 0 || error ? 'partial' : 'delivered';
  const now = new Date();
  await prisma.$transaction([
    prisma.jobDelivery.update({ where: { jobId }, data: { state, error, finishedAt: now, currentRate: 0 } }),
    // Every batch is done with: the acknowledgement checkpoints have served (replays work from the failed list).
    prisma.deliveryBatch.updateMany({ where: { jobId }, data: { acked: [] } }),
    prisma.job.update({ where: { id: jobId }, data: { expiresAt: new Date(now.getTime() + retentionMs) } }),
  ]);
}
