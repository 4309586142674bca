import type { PrismaClient } from '../../generated/prisma/client';
import type { SessionRecord } from './identity-records';

const SESSION = { id: true, userId: true, workspaceId: true, createdAt: true, lastSeenAt: true, expiresAt: true } as const;

/** Signed-in browsers, found by the SHA-256 of their cookie's secret. */
export class SessionsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(session: { id: string; tokenHash: string; userId: string; workspaceId: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<SessionRecord> {
    return this.prisma.session.create({ data: session, select: SESSION });
  }

  /** The unexpired session whose secret hashes to `tokenHash`. */
  findLive(tokenHash: string, now: Date): Promise<SessionRecord | null> {
    return this.prisma.session.findFirst({ where: { tokenHash, expiresAt: { gt: now } }, select: SESSION });
  }

  find(id: string): Promise<SessionRecord | null> {
    return this.prisma.session.findUnique({ where: { id }, select: SESSION });
  }

  async touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id }, data: { lastSeenAt, expiresAt } });
  }

  async switchWorkspace(id: string, workspaceId: string): Promise<void> {
    await this.prisma.session.update({ where: { id }, data: { workspaceId } });
  }

  async end(id: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id } });
  }

  /** Ends every session of the user but `keepId` (after a password change). */
  async endOthers(userId: string, keepId: string | null): Promise<number> {
    const { count } = await this.prisma.session.deleteMany({ where: { userId, ...(keepId ? { id: { not: keepId } } : {}) } });
    return count;
  }

  /** Moves sessions off a workspace the user is no longer a member of, to `workspaceId` (or ends them when null). */
  async leaveWorkspace(userId: string, workspaceId: string, to: string | null): Promise<void> {
    if (to) await this.prisma.session.updateMany({ where: { userId, workspaceId }, data: { workspaceId: to } });
    else await this.prisma.session.deleteMany({ where: { userId, workspaceId } });
  }

  async deleteExpired(now: Date): Promise<number> {
    const { count } = await this.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
    return count;
  }
}
