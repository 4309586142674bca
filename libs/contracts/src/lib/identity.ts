/** A member's role in a workspace: owner (members, tokens, settings), editor (upload, configure), viewer (read). */
export const WORKSPACE_ROLES = ['owner', 'editor', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** What an API token may do; each scope includes the ones before it (admin ⊃ write ⊃ read). */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * What a route needs. read: any member (viewer and up); write: editor and up; admin: owner only.
 * A token's scope caps its creator's role, never raises it.
 */
export type AccessLevel = TokenScope;

/** The highest access level a role grants. */
export const ROLE_ACCESS: Record<WorkspaceRole, AccessLevel> = { owner: 'admin', editor: 'write', viewer: 'read' };

/** Whether `granted` covers `needed` (admin ⊃ write ⊃ read). */
export function accessCovers(granted: AccessLevel, needed: AccessLevel): boolean {
  return TOKEN_SCOPES.indexOf(granted) >= TOKEN_SCOPES.indexOf(needed);
}

/** The workspace created by the first migration: rows that existed before workspaces, and the first owner's home. */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  /** Whether the user can sign in with a password (false for SSO-only and not yet activated users). */
  hasPassword: boolean;
}

export interface WorkspaceView {
  id: string;
  name: string;
  /** The caller's role in it. */
  role: WorkspaceRole;
}

/** `GET /api/session`: who is signed in and in which workspace. */
export interface SessionView {
  user: UserView;
  /** The workspace requests of this session act on (switched with PUT /api/session/workspace). */
  workspace: WorkspaceView;
  /** Every workspace the user is a member of. */
  workspaces: WorkspaceView[];
  /** ISO time the session ends unless used again. */
  expiresAt: string;
}

/** `GET /api/auth/providers`, public: how the sign-in page offers to sign in. */
export interface SignInOptionsView {
  password: boolean;
  /** Present when single sign-on is configured: the button label and where it starts. */
  oidc: { label: string; startUrl: string } | null;
}

export interface MemberView {
  user: UserView;
  role: WorkspaceRole;
  addedAt: string;
}

/** `POST /api/members` answer: for a user who cannot sign in yet, a one-time link to pass on (shown once). */
export interface AddedMemberView extends MemberView {
  signInLink: string | null;
}

export interface ApiTokenView {
  id: string;
  name: string;
  scopes: TokenScope[];
  /** The first characters of the token, so people can tell tokens apart; never the token. */
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/tokens` answer: the only time the token itself is shown. */
export interface CreatedApiTokenView extends ApiTokenView {
  token: string;
}

export interface AuditEventView {
  id: string;
  at: string;
  /** The user's email, "token <name>" for an API token, or null when nobody was signed in (a failed sign-in). */
  actor: string | null;
  /** e.g. "session.sign_in", "upload.create", "dataset.update", "token.create", "delivery.rate_change". */
  action: string;
  /** What was acted on, e.g. a job id or dataset name. */
  target: string | null;
  /** Whether it succeeded; refused attempts (failed sign-in, 403) are kept too. */
  outcome: 'success' | 'failure';
  detail: Record<string, unknown> | null;
  ip: string | null;
}
