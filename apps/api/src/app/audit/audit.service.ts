import { Injectable } from '@nestjs/common';
import type { AuditEventView } from '@sluice/contracts';
import { type AuditEvent, AuditEventsRepository } from '@sluice/db';

import type { ListAuditEventsDto } from './list-audit-events.dto';

const toView = (event: AuditEvent): AuditEventView => ({
  id: event.id.toString(),
  at: event.at.toISOString(),
  actor: event.actor,
  action: event.action,
  target: event.target,
  outcome: event.outcome === 'success' ? 'success' : 'failure',
  detail: (event.detail as Record<string, unknown> | null) ?? null,
  ip: event.ip,
});

/** The workspace's audit log, newest first, a page at a time. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventsRepository) {}

  async list(workspaceId: string, query: ListAuditEventsDto): Promise<{ events: AuditEventView[]; nextBefore: string | null }> {
    const page = await this.events.list(workspaceId, {
      action: query.action,
      actor: query.actor,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      before: query.before ? BigInt(query.before) : undefined,
      limit: query.limit,
    });
    return { events: page.events.map(toView), nextBefore: page.nextBefore?.toString() ?? null };
  }
}
