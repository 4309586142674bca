import { WORKSPACE_LIMIT_NAMES, type WorkspaceLimits, type WorkspaceRole } from '@sluice/contracts';
import { z } from 'zod';

import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { jsonValue, parseStoredOrNull } from '../stored-json';
import type { MemberRecord, MembershipRecord, WorkspaceRecord } from './identity-records';

const limitOverridesSchema = z
  .object(Object.fromEntries(WORKSPACE_LIMIT_NAMES.map((name) => [name, z.number().positive().optional()])) as Record<keyof WorkspaceLimits, z.ZodOptional<z.ZodNumber>>)
  .strict();

/** Workspaces and who is a member of each, with which role. */
export class WorkspacesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  find(id: string): Promise<WorkspaceRecord | null> {
    return this.prisma.workspace.findUnique({ where: { id }, select: { id: true, name: true, createdAt: true } });
  }

  /** The workspace's own limits, overriding the configured defaults one by one; empty when it has none. */
  async limitOverrides(id: string): Promise<Partial<WorkspaceLimits>> {
    const row = await this.prisma.workspace.findUnique({ where: { id }, select: { limits: true } });
    return parseStoredOrNull(limitOverridesSchema, row?.limits, 'Workspace.limits') ?? {};
  }

  /** Replaces the workspace's overrides (an empty object returns it to the defaults); false when there is no such workspace. */
  async setLimitOverrides(id: string, overrides: Partial<WorkspaceLimits>): Promise<boolean> {
    const limits = limitOverridesSchema.parse(overrides);
    const { count } = await this.prisma.workspace.updateMany({ where: { id }, data: { limits: Object.keys(limits).length ? jsonValue(limits) : Prisma.DbNull } });
    return count === 1;
  }

  /** A new workspace with its first owner, in one transaction. */
  async createWithOwner(workspace: { id: string; name: string }, ownerId: string): Promise<WorkspaceRecord> {
    const [created] = await this.prisma.$transaction([
      this.prisma.workspace.create({ data: workspace, select: { id: true, name: true, createdAt: true } }),
      this.prisma.membership.create({ data: { workspaceId: workspace.id, userId: ownerId, role: 'owner' } }),
    ]);
    return created;
  }

  /** The user's role in the workspace, or null when not a member. */
  async roleOf(workspaceId: string, userId: string): Promise<WorkspaceRole | null> {
    const membership = await this.prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
    return membership?.role ?? null;
  }

  /** Every workspace the user is a member of, oldest membership first. */
  membershipsOf(userId: string): Promise<MembershipRecord[]> {
    return this.prisma.membership.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'asc' }, { workspaceId: 'asc' }],
      select: { role: true, createdAt: true, workspace: { select: { id: true, name: true, createdAt: true } } },
    });
  }

  members(workspaceId: string): Promise<MemberRecord[]> {
    return this.prisma.membership.findMany({ where: { workspaceId }, orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }], select: { role: true, createdAt: true, user: true } });
  }

  member(workspaceId: string, userId: string): Promise<MemberRecord | null> {
    return this.prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true, createdAt: true, user: true } });
  }

  /** Adds the member, or leaves an existing membership as it is; returns whether it was added. */
  async addMember(workspaceId: string, userId: string, role: WorkspaceRole): Promise<boolean> {
    const { count } = await this.prisma.membership.createMany({ data: [{ workspaceId, userId, role }], skipDuplicates: true });
    return count === 1;
  }

  /**
   * Changes a member's role, or removes them (role null), unless that would leave the workspace without
   * an owner. Serializable, so two owners demoting each other at once cannot both succeed.
   */
  async changeMember(workspaceId: string, userId: string, role: WorkspaceRole | null): Promise<'changed' | 'not_member' | 'last_owner'> {
    return this.prisma.$transaction(
      async (tx) => {
        const current = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
        if (!current) return 'not_member';
        if (current.role === 'owner' && role !== 'owner') {
          const owners = await tx.membership.count({ where: { workspaceId, role: 'owner' } });
          if (owners <= 1) return 'last_owner';
        }
        if (role === null) await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
        else await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
        return 'changed';
      },
      { isolationLevel: 'Serializable' },
    );
  }
}
