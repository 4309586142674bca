import type { PrismaClient } from '../../generated/prisma/client';
import { type ActivityFence, SupersededAttempt } from './activity-fence';

/** The ActivityFence rows: which attempt of each of a job's writing activities may write (see holdFence). */
export class ActivityFencesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Makes `fence` the current attempt of its work, unless a later attempt already is (then it throws
   * SupersededAttempt). Waits for writes of the attempt it replaces that are under way to commit; the
   * replaced attempt's later writes throw.
   */
  async claim(workspaceId: string, fence: ActivityFence): Promise<void> {
    const [row] = await this.prisma.$queryRaw<{ token: bigint }[]>`
      INSERT INTO "ActivityFence" ("jobId", scope, token)
        SELECT id, ${fence.scope}, ${fence.token} FROM "Job" WHERE id = ${fence.jobId}::uuid AND "workspaceId" = ${workspaceId}::uuid
      ON CONFLICT ("jobId", scope) DO UPDATE SET token = GREATEST("ActivityFence".token, EXCLUDED.token)
      RETURNING token`;
    if (!row) throw new Error(`No job ${fence.jobId} in workspace ${workspaceId}`);
    if (Number(row.token) !== fence.token) throw new SupersededAttempt(fence, row.token);
  }
}
