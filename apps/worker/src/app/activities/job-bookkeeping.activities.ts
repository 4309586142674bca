import type { JobOutcome } from '@sluice/contracts';
import { addCounts } from '@sluice/core';
import { Prisma } from '@sluice/db';
import { jobPrefix } from '@sluice/storage';

import type { ActivityDeps } from './activity-deps';
import { storableJson, storableText } from './storable-text';

export async function markProcessing(deps: ActivityDeps, { jobId }: { jobId: string }): Promise<void> {
  // Only the first attempt sets the start time, so the duration covers retries too.
  await deps.prisma.job.updateMany({ where: { id: jobId, startedAt: null }, data: { startedAt: new Date() } });
  await deps.prisma.job.update({ where: { id: jobId }, data: { status: 'processing' } });
}

export async function finalize(deps: ActivityDeps, { outcome, retentionMs }: { outcome: JobOutcome; retentionMs: number }): Promise<void> {
  const { prisma } = deps;
  const job = await prisma.job.findUniqueOrThrow({ where: { id: outcome.jobId }, select: { startedAt: true, createdAt: true } });
  const finishedAt = new Date();
  const sum = (pick: (f: JobOutcome['files'][number]) => number) => outcome.files.reduce((total, f) => total + pick(f), 0);
  await prisma.$transaction([
    ...outcome.files.map((file) =>
      prisma.upload.update({
        where: { id: file.uploadId },
        data: {
          rowsProcessed: file.rowsProcessed,
          validRows: file.validRows,
          invalidRows: file.invalidRows,
          error: file.error && storableText(file.error),
          headerMapping: storableJson(file.columns) as unknown as Prisma.InputJsonValue,
          cleaned: file.cleaned,
        },
      }),
    ),
    prisma.job.update({
      where: { id: outcome.jobId },
      data: {
        status: outcome.status,
        finishedAt,
        durationMs: finishedAt.getTime() - (job.startedAt ?? job.createdAt).getTime(),
        validRows: sum((f) => f.validRows),
        invalidRowCount: sum((f) => f.invalidRows),
        ...(outcome.files.length ? { rowsProcessed: sum((f) => f.rowsProcessed) } : {}),
        aggregations: outcome.aggregations ? (storableJson(outcome.aggregations) as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
        error: outcome.error && storableText(outcome.error),
        cleaned: outcome.files.reduce((total, file) => addCounts(total, file.cleaned), {}),
        mergeStats: outcome.merge ? (outcome.merge as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
        expiresAt: new Date(finishedAt.getTime() + retentionMs),
      },
    }),
  ]);
}

export async function expireJob(deps: ActivityDeps, { jobId }: { jobId: string }): Promise<void> {
  await deps.store.deletePrefix(jobPrefix(jobId));
  await deps.prisma.job.update({ where: { id: jobId }, data: { status: 'expired', expiredAt: new Date() } });
}
