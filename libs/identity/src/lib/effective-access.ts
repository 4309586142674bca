import { type AccessLevel, ROLE_ACCESS, TOKEN_SCOPES, type TokenScope, type WorkspaceRole } from '@sluice/contracts';

/** The highest of a token's scopes (each includes the ones before it); null for none. */
export function highestScope(scopes: readonly TokenScope[]): TokenScope | null {
  let highest = -1;
  for (const scope of scopes) highest = Math.max(highest, TOKEN_SCOPES.indexOf(scope));
  return highest < 0 ? null : TOKEN_SCOPES[highest];
}

/** What a token may do: its scope, capped by its creator's current role (a token never raises a role). */
export function effectiveAccess(role: WorkspaceRole, scopes: readonly TokenScope[]): AccessLevel | null {
  const scope = highestScope(scopes);
  if (!scope) return null;
  const roleLevel = ROLE_ACCESS[role];
  return TOKEN_SCOPES[Math.min(TOKEN_SCOPES.indexOf(scope), TOKEN_SCOPES.indexOf(roleLevel))];
}
