import { randomUUID } from 'node:crypto';

import type { ApiTokenView, CreatedApiTokenView, TokenScope } from '@sluice/contracts';

import type { Caller } from './caller';
import { effectiveAccess } from './effective-access';
import { IdentityError, SIGN_IN_FIRST } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import { DAY_MS, type IdentitySettings } from './identity-settings';
import { apiTokenPrefix, hashSecret, looksLikeApiToken, newApiToken } from './secrets';
import { apiTokenView } from './views';

/** A token's last-used time is written at most this often. */
const MARK_USED_EVERY_MS = 60_000;

export interface NewApiToken {
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number | null;
}

/** API tokens for automation and the CLI: shown once, stored as SHA-256, acting on their own workspace. */
export class ApiTokens {
  constructor(
    private readonly repositories: IdentityRepositories,
    private readonly settings: IdentitySettings,
  ) {}

  /** A token of the caller's workspace, created by the caller; the only time the token itself is returned. */
  async create(caller: Caller, request: NewApiToken): Promise<CreatedApiTokenView> {
    if (request.scopes.length === 0) throw new IdentityError('invalid', 'scopes: give at least one of read, write, admin');
    const token = newApiToken();
    const expiresAt = request.expiresInDays ? new Date(this.settings.now().getTime() + request.expiresInDays * DAY_MS) : null;
    const created = await this.repositories.apiTokens.create({
      id: randomUUID(),
      workspaceId: caller.workspaceId,
      userId: caller.userId,
      name: request.name.trim(),
      scopes: [...new Set(request.scopes)],
      prefix: apiTokenPrefix(token),
      tokenHash: hashSecret(token),
      expiresAt,
    });
    return { ...apiTokenView(created), token };
  }

  async list(workspaceId: string): Promise<ApiTokenView[]> {
    return (await this.repositories.apiTokens.list(workspaceId)).map(apiTokenView);
  }

  /** Revokes a token of the workspace; a token of another workspace is a 404 like a missing one. */
  async revoke(workspaceId: string, id: string): Promise<ApiTokenView> {
    if (!(await this.repositories.apiTokens.revoke(workspaceId, id, this.settings.now()))) throw new IdentityError('not_found', `No API token ${id}`);
    const token = await this.repositories.apiTokens.find(workspaceId, id);
    if (!token) throw new IdentityError('not_found', `No API token ${id}`);
    return apiTokenView(token);
  }

  /** The caller a bearer token stands for: 401 for an unknown, expired or revoked one, or one whose creator left. */
  async authenticate(token: string): Promise<Caller> {
    if (!looksLikeApiToken(token)) throw new IdentityError('unauthenticated', SIGN_IN_FIRST);
    const now = this.settings.now();
    const found = await this.repositories.apiTokens.findByHash(hashSecret(token));
    if (!found) throw new IdentityError('unauthenticated', SIGN_IN_FIRST);
    if (found.revokedAt) throw new IdentityError('unauthenticated', 'API token revoked');
    if (found.expiresAt && found.expiresAt.getTime() <= now.getTime()) throw new IdentityError('unauthenticated', 'API token expired');
    const role = await this.repositories.workspaces.roleOf(found.workspaceId, found.userId);
    const access = role && effectiveAccess(role, found.scopes);
    if (!role || !access) throw new IdentityError('unauthenticated', 'API token no longer valid: the member who created it has left the workspace');
    await this.repositories.apiTokens.markUsed(found.id, now, MARK_USED_EVERY_MS);
    return { userId: found.userId, actor: `token ${found.name}`, workspaceId: found.workspaceId, role, access, via: 'token', tokenId: found.id };
  }
}
