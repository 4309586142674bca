import { randomUUID } from 'node:crypto';

import { ROLE_ACCESS, type SessionView } from '@sluice/contracts';
import type { SessionRecord, UserRecord } from '@sluice/db';

import type { Caller, ClientInfo } from './caller';
import { IdentityError, SIGN_IN_FIRST } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import type { IdentitySettings } from './identity-settings';
import { hashSecret, newSecret } from './secrets';
import { userView, workspaceView } from './views';

/** A session use writes its new expiry at most this often. */
const TOUCH_EVERY_MS = 5 * 60_000;

/** A started session: the secret goes into the cookie, and is never stored. */
export interface StartedSession {
  secret: string;
  session: SessionRecord;
  user: UserRecord;
}

/** Browser sessions: started by every way of signing in, found by their cookie's secret. */
export class Sessions {
  constructor(
    private readonly repositories: IdentityRepositories,
    private readonly settings: IdentitySettings,
  ) {}

  /** Starts a session for the user, in `workspaceId` when they are a member of it, else their first workspace. */
  async start(user: UserRecord, client: ClientInfo, workspaceId?: string): Promise<StartedSession> {
    const memberships = await this.repositories.workspaces.membershipsOf(user.id);
    const workspace = memberships.find((m) => m.workspace.id === workspaceId) ?? memberships[0];
    if (!workspace) throw new IdentityError('forbidden', `${user.email} is not a member of any workspace: ask a workspace owner to add you`);
    const secret = newSecret();
    const session = await this.repositories.sessions.create({
      id: randomUUID(),
      tokenHash: hashSecret(secret),
      userId: user.id,
      workspaceId: workspace.workspace.id,
      expiresAt: new Date(this.settings.now().getTime() + this.settings.sessionIdleMs),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    // Sessions that ran out are of no use to anyone; each sign-in clears them (an indexed delete) so the table holds live ones only.
    await this.repositories.sessions.deleteExpired(this.settings.now());
    return { secret, session, user };
  }

  /** The caller a session cookie's secret stands for; 401 when it is unknown or expired. */
  async authenticate(secret: string): Promise<Caller> {
    const now = this.settings.now();
    const session = await this.repositories.sessions.findLive(hashSecret(secret), now);
    if (!session) throw new IdentityError('unauthenticated', SIGN_IN_FIRST);
    const user = await this.repositories.users.find(session.userId);
    const role = await this.repositories.workspaces.roleOf(session.workspaceId, session.userId);
    // Removed from the session's workspace since: the next request signs in again rather than acting elsewhere unasked.
    if (!user || !role) throw new IdentityError('unauthenticated', SIGN_IN_FIRST);
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.repositories.sessions.touch(session.id, now, new Date(now.getTime() + this.settings.sessionIdleMs));
    }
    return { userId: user.id, actor: user.email, workspaceId: session.workspaceId, role, access: ROLE_ACCESS[role], via: 'session', sessionId: session.id };
  }

  /** What `GET /api/session` shows. */
  async view(sessionId: string): Promise<SessionView> {
    const session = await this.repositories.sessions.find(sessionId);
    const user = session && (await this.repositories.users.find(session.userId));
    if (!session || !user) throw new IdentityError('unauthenticated', SIGN_IN_FIRST);
    const memberships = await this.repositories.workspaces.membershipsOf(user.id);
    const current = memberships.find((m) => m.workspace.id === session.workspaceId);
    if (!current) throw new IdentityError('unauthenticated', SIGN_IN_FIRST);
    return {
      user: userView(user),
      workspace: workspaceView(current.workspace, current.role),
      workspaces: memberships.map((m) => workspaceView(m.workspace, m.role)),
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  /** Moves the session to another of the user's workspaces; one they are not a member of is a 404, as if it did not exist. */
  async switchWorkspace(caller: Caller, workspaceId: string): Promise<SessionView> {
    if (!caller.sessionId) throw new IdentityError('invalid', 'Only a signed-in session switches workspaces; an API token acts on its own workspace');
    const role = await this.repositories.workspaces.roleOf(workspaceId, caller.userId);
    if (!role) throw new IdentityError('not_found', `No workspace ${workspaceId}`);
    await this.repositories.sessions.switchWorkspace(caller.sessionId, workspaceId);
    return this.view(caller.sessionId);
  }

  async end(sessionId: string): Promise<void> {
    await this.repositories.sessions.end(sessionId);
  }
}
