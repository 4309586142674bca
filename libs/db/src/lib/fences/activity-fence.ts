import type { Prisma, PrismaClient } from '../../generated/prisma/client';

/**
 * One attempt of a job's writing activity, as its writes name it: `scope` is the activity and its unit
 * of work, `token` when Temporal scheduled this attempt (a retry is always scheduled after the attempt it
 * replaces, so the later attempt holds the larger token).
 */
export interface ActivityFence {
  jobId: string;
  scope: string;
  token: number;
}

/** A write of an attempt that a later attempt of the same work has replaced: nothing it would write counts. */
export class SupersededAttempt extends Error {
  override readonly name = 'SupersededAttempt';

  constructor(fence: ActivityFence, current: bigint | number | null) {
    super(`${fence.scope} of job ${fence.jobId}: this attempt (${fence.token}) was replaced by a later one (${current ?? 'none claimed'}); its writes are dropped`);
  }
}

/**
 * Holds the fence for the rest of the transaction and throws unless `fence` is still the current
 * attempt. FOR SHARE: writes of the current attempt go on side by side, while a later attempt's claim
 * (an UPDATE of the row) waits for them to commit, and every write after it sees the new token.
 */
export async function holdFence(tx: Prisma.TransactionClient, fence: ActivityFence): Promise<void> {
  const [row] = await tx.$queryRaw<{ token: bigint }[]>`
    SELECT token FROM "ActivityFence" WHERE "jobId" = ${fence.jobId}::uuid AND scope = ${fence.scope} FOR SHARE`;
  if (!row || Number(row.token) !== fence.token) throw new SupersededAttempt(fence, row?.token ?? null);
}

/** Runs `work` in one transaction, which first holds `fence` when there is one (see holdFence). */
export function fencedWrite<T>(
  prisma: PrismaClient,
  fence: ActivityFence | undefined,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: { timeout: number },
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    if (fence) await holdFence(tx, fence);
    return work(tx);
  }, options);
}
