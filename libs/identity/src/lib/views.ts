import type { ApiTokenView, MemberView, UserView, WorkspaceRole, WorkspaceView } from '@sluice/contracts';
import type { ApiTokenRecord, MemberRecord, UserRecord, WorkspaceRecord } from '@sluice/db';

export const userView = (user: UserRecord): UserView => ({ id: user.id, email: user.email, name: user.name, hasPassword: user.passwordHash !== null });

export const workspaceView = (workspace: WorkspaceRecord, role: WorkspaceRole): WorkspaceView => ({ id: workspace.id, name: workspace.name, role });

export const memberView = (member: MemberRecord): MemberView => ({ user: userView(member.user), role: member.role, addedAt: member.createdAt.toISOString() });

export const apiTokenView = (token: ApiTokenRecord): ApiTokenView => ({
  id: token.id,
  name: token.name,
  scopes: token.scopes,
  prefix: token.prefix,
  createdBy: token.createdBy,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt?.toISOString() ?? null,
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});
