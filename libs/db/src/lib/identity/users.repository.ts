import type { PrismaClient } from '../../generated/prisma/client';
import type { UserRecord } from './identity-records';

/** Accounts: one per (lower-cased) email address. */
export class UsersRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async any(): Promise<boolean> {
    return (await this.prisma.user.findFirst({ select: { id: true } })) !== null;
  }

  find(id: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  }

  findByOidc(issuer: string, subject: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } } });
  }

  /** The user with `email`, created with `id` and `name` when there is none (two callers at once get the same row). */
  ensure(created: { id: string; email: string; name?: string | null }): Promise<UserRecord> {
    const email = created.email.toLowerCase();
    return this.prisma.user.upsert({ where: { email }, create: { id: created.id, email, name: created.name ?? null }, update: {} });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { passwordHash, failedSignIns: 0, lockedUntil: null } });
  }

  async linkOidc(id: string, issuer: string, subject: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { oidcIssuer: issuer, oidcSubject: subject } });
  }

  /** Counts a failed password sign-in; returns the new count. */
  async recordFailedSignIn(id: string): Promise<number> {
    const user = await this.prisma.user.update({ where: { id }, data: { failedSignIns: { increment: 1 } }, select: { failedSignIns: true } });
    return user.failedSignIns;
  }

  /** Refuses sign-in until `until`, and starts the count again. */
  async lock(id: string, until: Date): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { lockedUntil: until, failedSignIns: 0 } });
  }

  async clearFailedSignIns(id: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { failedSignIns: 0, lockedUntil: null } });
  }
}
