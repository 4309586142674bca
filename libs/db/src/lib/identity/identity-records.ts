import type { TokenScope, WorkspaceRole } from '@sluice/contracts';

/** A user as the identity use cases see one; the password hash never leaves libs/identity. */
export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  passwordHash: string | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** A workspace with the role one user has in it. */
export interface MembershipRecord {
  workspace: WorkspaceRecord;
  role: WorkspaceRole;
  createdAt: Date;
}

/** A member of one workspace. */
export interface MemberRecord {
  user: UserRecord;
  role: WorkspaceRole;
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  userId: string;
  workspaceId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SignInLinkRecord {
  id: string;
  userId: string;
  purpose: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface ApiTokenRecord {
  id: string;
  workspaceId: string;
  userId: string;
  name: string;
  scopes: TokenScope[];
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The creator's email, for the list. */
  createdBy: string;
}
