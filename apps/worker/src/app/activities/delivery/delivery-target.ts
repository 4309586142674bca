import { webhookMessageId } from '@sluice/contracts';
import type { PrismaClient } from '@sluice/db';
import { AttemptResult, createSigner } from '@sluice/webhooks';

import type { DeliveryTarget, OutgoingRecord } from './deliver-records';

/** The job's webhook as stored: the secret is read here and never travels through workflow history. */
export async function loadDeliveryTarget(prisma: PrismaClient, jobId: string): Promise<DeliveryTarget> {
  const delivery = await prisma.jobDelivery.findUniqueOrThrow({ where: { jobId }, include: { endpoint: true } });
  return { url: delivery.url, sign: createSigner(delivery.endpoint.secret), retryDelaysMs: delivery.retryDelaysMs };
}

/** The message for one line of the records file; the line is already JSON, so it is spliced in, not re-encoded. */
export function outgoingRecord(jobId: string, dataset: string, recordIndex: number, line: string): OutgoingRecord {
  return {
    recordIndex,
    messageId: webhookMessageId(jobId, recordIndex),
    body: `{"jobId":${JSON.stringify(jobId)},"dataset":${JSON.stringify(dataset)},"recordIndex":${recordIndex},"data":${line}}`,
  };
}

export function recordLines(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n').filter((line) => line !== '');
}

export async function recordFailure(prisma: PrismaClient, jobId: string, recordIndex: number, attempts: number, last: AttemptResult): Promise<void> {
  const data = { attempts, lastStatus: last.status, lastError: last.error ?? 'failed', failedAt: new Date(), deliveredAt: null };
  await prisma.failedDelivery.upsert({ where: { jobId_recordIndex: { jobId, recordIndex } }, create: { jobId, recordIndex, ...data }, update: data });
}
