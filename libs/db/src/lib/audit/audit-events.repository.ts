import type { AuditEvent, Prisma, PrismaClient } from '../../generated/prisma/client';

/** One event to keep; the audit trail decides what goes in (never bodies or secrets). */
export interface NewAuditEvent {
  workspaceId: string | null;
  actorUserId: string | null;
  actor: string | null;
  action: string;
  target?: string | null;
  outcome: 'success' | 'failure';
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

export interface AuditEventFilter {
  action?: string;
  actor?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Only events older than this id (the previous page's `nextBefore`). */
  before?: bigint;
  limit: number;
}

export interface AuditEventPage {
  events: AuditEvent[];
  /** The id to pass as `before` for the next page, or null on the last one. */
  nextBefore: bigint | null;
}

/** The audit log: append-only, read per workspace newest first, paged by id so new events never shift a page. */
export class AuditEventsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async record(event: NewAuditEvent): Promise<void> {
    await this.prisma.auditEvent.create({
      data: { ...event, target: event.target ?? null, ip: event.ip ?? null, detail: (event.detail ?? undefined) as Prisma.InputJsonValue | undefined },
    });
  }

  async list(workspaceId: string, filter: AuditEventFilter): Promise<AuditEventPage> {
    const where: Prisma.AuditEventWhereInput = {
      workspaceId,
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
      ...(filter.before !== undefined ? { id: { lt: filter.before } } : {}),
    };
    // One more than asked tells whether a next page exists without a count.
    const rows = await this.prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: filter.limit + 1 });
    const events = rows.slice(0, filter.limit);
    return { events, nextBefore: rows.length > filter.limit ? events[events.length - 1].id : null };
  }
}
