import { Injectable } from '@nestjs/common';

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
 * Where features record what happened. PLACEHOLDER: the audit log's repository and
 * interceptor land with the audit feature; until then entries are dropped.
 */
@Injectable()
export class AuditTrail {
  async record(_entry: AuditEntry): Promise<void> {
    // Filled in by the audit feature.
  }
}
