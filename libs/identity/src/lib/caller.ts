import type { AccessLevel, WorkspaceRole } from '@sluice/contracts';

/** Who a request acts as: what authentication yields, and what every use case is given. */
export interface Caller {
  userId: string;
  /** How the audit log names the actor: the user's email, or "token <name>". */
  actor: string;
  workspaceId: string;
  role: WorkspaceRole;
  /** The role's level, capped by the token's scopes for a token. */
  access: AccessLevel;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

/** Where a sign-in came from, kept with the session. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}
