import type { JobAggregations, MergeCorrection, MergeStatsView } from '@sluice/contracts';
import { mergeCorrectionSchema } from '@sluice/core';

import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { jsonValue, parseStored } from '../stored-json';

/** A correction as kept: under the first job of its rerun chain, with who made it. */
export interface MergeCorrectionRecord {
  id: string;
  rootJobId: string;
  correction: MergeCorrection;
  createdAt: Date;
  /** The user who made it (their email as the audit log names them); null once the user is gone. */
  createdBy: { userId: string; email: string } | null;
}

export interface NewMergeCorrection {
  id: string;
  correction: MergeCorrection;
  /** The user making it. */
  createdBy: string | null;
}

/**
 * A change to a chain's corrections together with the claim on the job's next output version that
 * rebuilds it: both land in one transaction, or neither does.
 * - `busy`: a rebuild of the job is running (claimed `since`), building `rebuildingVersion`;
 * - `not_found`: no such job in the workspace, or (to remove) no such correction of its chain.
 */
export type CorrectionClaim =
  | { ok: true; outputVersion: number; correction: MergeCorrectionRecord }
  | { ok: false; reason: 'busy'; rebuildingVersion: number; since: Date }
  | { ok: false; reason: 'not_found' };

/** What a rebuild that succeeded built: the job's merge stats and aggregations at its new version. */
export interface RebuiltOutput {
  merge: MergeStatsView;
  aggregations: JobAggregations | null;
}

export interface ClaimOptions {
  /** Take over a claim older than this, whose rebuild the caller found not running (its start was lost). */
  takeOverAfterMs?: number;
}

const CORRECTION = {
  id: true,
  rootJobId: true,
  correction: true,
  createdAt: true,
  creator: { select: { id: true, email: true } },
} as const;

interface CorrectionRow {
  id: string;
  rootJobId: string;
  correction: unknown;
  createdAt: Date;
  creator: { id: string; email: string } | null;
}

const record = (row: CorrectionRow): MergeCorrectionRecord => ({
  id: row.id,
  rootJobId: row.rootJobId,
  correction: parseStored(mergeCorrectionSchema, row.correction, 'MergeCorrection.correction'),
  createdAt: row.createdAt,
  createdBy: row.creator ? { userId: row.creator.id, email: row.creator.email } : null,
});

/** Rolls a claim's transaction back when the change it goes with finds nothing to change. */
class NothingToChange extends Error {}

/**
 * Merge corrections of rerun chains, and the output rebuilds they start: a correction is kept under the
 * chain's first job (every job of the chain applies it), and changing one claims the job's next output
 * version in the same transaction, so a second change during a rebuild is refused. Every method takes
 * the workspace first; another workspace's job or correction reads as missing.
 */
export class MergeCorrectionsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The chain's corrections, oldest first: the order a rebuild applies them in. */
  async list(workspaceId: string, rootJobId: string): Promise<MergeCorrectionRecord[]> {
    const rows = await this.prisma.mergeCorrection.findMany({ where: { workspaceId, rootJobId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: CORRECTION });
    return rows.map(record);
  }

  /** What a build of a chain's job applies, in order. */
  async corrections(workspaceId: string, rootJobId: string): Promise<MergeCorrection[]> {
    return (await this.list(workspaceId, rootJobId)).map((c) => c.correction);
  }

  /** Keeps a correction under the job's chain and claims the job's next output version. */
  async addAndClaimRebuild(workspaceId: string, jobId: string, correction: NewMergeCorrection, options: ClaimOptions = {}): Promise<CorrectionClaim> {
    return this.withClaim(workspaceId, jobId, options, async (tx, rootJobId) => {
      const row = await tx.mergeCorrection.create({
        data: { id: correction.id, workspaceId, rootJobId, correction: jsonValue(correction.correction), createdBy: correction.createdBy },
        select: CORRECTION,
      });
      return record(row);
    });
  }

  /** Removes a correction of the job's chain (an undo) and claims the job's next output version. */
  async removeAndClaimRebuild(workspaceId: string, jobId: string, correctionId: string, options: ClaimOptions = {}): Promise<CorrectionClaim> {
    return this.withClaim(workspaceId, jobId, options, async (tx, rootJobId) => {
      const row = await tx.mergeCorrection.findFirst({ where: { id: correctionId, workspaceId, rootJobId }, select: CORRECTION });
      if (!row) throw new NothingToChange();
      await tx.mergeCorrection.delete({ where: { id: correctionId } });
      return record(row);
    });
  }

  /**
   * Undoes a claimed change whose rebuild could not be started: the added correction goes, or the removed one
   * comes back as it was, and the claim is released. Nothing happens when the claim is no longer this one.
   */
  async revertClaim(workspaceId: string, jobId: string, outputVersion: number, change: { added: string } | { removed: MergeCorrectionRecord }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const released = await tx.job.updateMany({ where: { id: jobId, workspaceId, rebuildingVersion: outputVersion }, data: { rebuildingVersion: null } });
      if (released.count === 0) return;
      if ('added' in change) {
        await tx.mergeCorrection.deleteMany({ where: { id: change.added, workspaceId } });
        return;
      }
      const { removed } = change;
      await tx.mergeCorrection.create({
        data: {
          id: removed.id,
          workspaceId,
          rootJobId: removed.rootJobId,
          correction: jsonValue(removed.correction),
          createdAt: removed.createdAt,
          createdBy: removed.createdBy?.userId ?? null,
        },
      });
    });
  }

  /** Records a rebuild's output as the job's current version and ends the claim; false when the claim is no longer this rebuild's. */
  async finishRebuild(workspaceId: string, jobId: string, outputVersion: number, output: RebuiltOutput): Promise<boolean> {
    const { count } = await this.prisma.job.updateMany({
      where: { id: jobId, workspaceId, rebuildingVersion: outputVersion },
      data: {
        outputVersion,
        rebuildingVersion: null,
        rebuildError: null,
        mergeStats: jsonValue(output.merge),
        aggregations: output.aggregations ? jsonValue(output.aggregations) : Prisma.DbNull,
      },
    });
    return count > 0;
  }

  /** Ends a rebuild that failed, saying why; the job keeps its output version. False when the claim is no longer this rebuild's. */
  async failRebuild(workspaceId: string, jobId: string, outputVersion: number, error: string): Promise<boolean> {
    const { count } = await this.prisma.job.updateMany({
      where: { id: jobId, workspaceId, rebuildingVersion: outputVersion },
      data: { rebuildingVersion: null, rebuildError: error },
    });
    return count > 0;
  }

  /**
   * Claims the job's next output version (unless a rebuild holds it) and makes `change` under the job's chain,
   * in one transaction: a refused claim or a change with nothing to change leaves both as they were.
   */
  private async withClaim(
    workspaceId: string,
    jobId: string,
    { takeOverAfterMs }: ClaimOptions,
    change: (tx: Prisma.TransactionClient, rootJobId: string) => Promise<MergeCorrectionRecord>,
  ): Promise<CorrectionClaim> {
    const takeOverSeconds = takeOverAfterMs === undefined ? null : takeOverAfterMs / 1000;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const [claimed] = await tx.$queryRaw<{ version: number; root: string }[]>`
          UPDATE "Job" SET "rebuildingVersion" = "outputVersion" + 1, "rebuildStartedAt" = now(), "rebuildError" = NULL
          WHERE id = ${jobId}::uuid AND "workspaceId" = ${workspaceId}::uuid
            AND ("rebuildingVersion" IS NULL
                 OR (${takeOverSeconds}::float8 IS NOT NULL AND "rebuildStartedAt" < now() - make_interval(secs => ${takeOverSeconds}::float8)))
          RETURNING "rebuildingVersion" AS version, COALESCE("rootJobId", id)::text AS root`;
        if (!claimed) {
          const job = await tx.job.findUnique({ where: { id: jobId, workspaceId }, select: { rebuildingVersion: true, rebuildStartedAt: true } });
          if (job?.rebuildingVersion == null) return { ok: false, reason: 'not_found' } as const;
          return { ok: false, reason: 'busy', rebuildingVersion: job.rebuildingVersion, since: job.rebuildStartedAt ?? new Date(0) } as const;
        }
        return { ok: true, outputVersion: claimed.version, correction: await change(tx, claimed.root) } as const;
      });
    } catch (error) {
      if (error instanceof NothingToChange) return { ok: false, reason: 'not_found' };
      throw error;
    }
  }
}
