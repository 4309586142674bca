import { Injectable, Logger } from '@nestjs/common';
import { AuditEventsRepository } from '@sluice/db';

/** One thing that happened, as the audit log keeps it. */
export interface AuditEntry {
  /** Null only for events outside any workspace (a failed sign-in for an unknown address). */
  workspaceId: string | null;
  actorUserId: string | null;
  /** The user's email, "token <name>", or null when nobody is signed in. */
  actor: string | null;
  /** e.g. "session.sign_in", "upload.create", "token.revoke". */
  action: string;
  target?: string | null;
  outcome: 'success' | 'failure';
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

/**
 * Where features record what happened (the unsafe requests are recorded by auditRequests on their own). Never
 * fails its caller: a request that did its work must not be answered as failed because the log could not be
 * written, so a failed write is logged (without the entry's detail) and dropped.
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(private readonly events: AuditEventsRepository) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.events.record(entry);
    } catch (error) {
      const kind = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown error');
      this.logger.warn(`Could not write the audit event ${entry.action} (${entry.outcome}) of ${entry.actor ?? 'nobody'}: ${kind}`);
    }
  }
}
