import type { PrismaClient } from '../../generated/prisma/client';

/** One-time sign-in links, found by the SHA-256 of their secret. */
export class SignInLinksRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(link: { id: string; tokenHash: string; userId: string; purpose: string; expiresAt: Date }): Promise<void> {
    await this.prisma.signInLink.create({ data: link });
  }

  /**
   * Marks the unused, unexpired link as used and returns its user; null when there is no such link.
   * One conditional update, so a link redeemed twice at once still signs in only once.
   */
  async redeem(tokenHash: string, now: Date): Promise<{ userId: string; purpose: string } | null> {
    const { count } = await this.prisma.signInLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count !== 1) return null;
    return this.prisma.signInLink.findUnique({ where: { tokenHash }, select: { userId: true, purpose: true } });
  }

  /** Whether the link exists but was used or has expired (for a clearer refusal). */
  async state(tokenHash: string, now: Date): Promise<'unknown' | 'used' | 'expired' | 'valid'> {
    const link = await this.prisma.signInLink.findUnique({ where: { tokenHash }, select: { usedAt: true, expiresAt: true } });
    if (!link) return 'unknown';
    if (link.usedAt) return 'used';
    return link.expiresAt <= now ? 'expired' : 'valid';
  }
}
