import type { AccessLevel, WorkspaceRole } from '@sluice/contracts';
import type { Request } from 'express';

/** Who a request acts as, set by the access guard before any controller runs. */
export interface Principal {
  userId: string;
  /** How the audit log names the actor: the user's email, or "token <name>". */
  actor: string;
  workspaceId: string;
  role: WorkspaceRole;
  /** What this request may do: the role's level, capped by the token's scopes for a token. */
  access: AccessLevel;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
