import type { TokenScope } from '@sluice/contracts';

import type { PrismaClient } from '../../generated/prisma/client';
import type { ApiTokenRecord } from './identity-records';

const TOKEN = {
  id: true,
  workspaceId: true,
  userId: true,
  name: true,
  scopes: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  user: { select: { email: true } },
} as const;

type Row = Omit<ApiTokenRecord, 'createdBy' | 'scopes'> & { scopes: string[]; user: { email: string } };

const record = ({ user, scopes, ...row }: Row): ApiTokenRecord => ({ ...row, scopes: scopes as TokenScope[], createdBy: user.email });

/** API tokens of a workspace, found by the SHA-256 of the token. */
export class ApiTokensRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(token: {
    id: string;
    workspaceId: string;
    userId: string;
    name: string;
    scopes: TokenScope[];
    prefix: string;
    tokenHash: string;
    expiresAt: Date | null;
  }): Promise<ApiTokenRecord> {
    return record(await this.prisma.apiToken.create({ data: token, select: TOKEN }));
  }

  async findByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = await this.prisma.apiToken.findUnique({ where: { tokenHash }, select: TOKEN });
    return row ? record(row) : null;
  }

  /** The workspace's tokens, newest first. */
  async list(workspaceId: string): Promise<ApiTokenRecord[]> {
    return (await this.prisma.apiToken.findMany({ where: { workspaceId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: TOKEN })).map(record);
  }

  async find(workspaceId: string, id: string): Promise<ApiTokenRecord | null> {
    const row = await this.prisma.apiToken.findFirst({ where: { id, workspaceId }, select: TOKEN });
    return row ? record(row) : null;
  }

  /** Records a use, at most once per `everyMs`, so a busy token does not write on every request. */
  async markUsed(id: string, now: Date, everyMs: number): Promise<void> {
    await this.prisma.apiToken.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - everyMs) } }] }, data: { lastUsedAt: now } });
  }

  /** Revokes the workspace's token; false when it has no such token. Revoking twice keeps the first time. */
  async revoke(workspaceId: string, id: string, now: Date): Promise<boolean> {
    const token = await this.prisma.apiToken.findFirst({ where: { id, workspaceId }, select: { id: true } });
    if (!token) return false;
    await this.prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    return true;
  }
}
