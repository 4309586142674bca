import { randomUUID } from 'node:crypto';

import type { AddedMemberView, MemberView, WorkspaceRole } from '@sluice/contracts';

import { IdentityError } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import type { SignInLinks } from './sign-in-links';
import { memberView } from './views';

const LAST_OWNER = 'A workspace keeps at least one owner: make another member owner first';

/** Who belongs to a workspace, with which role; the last owner stays. */
export class Members {
  constructor(
    private readonly repositories: IdentityRepositories,
    private readonly links: SignInLinks,
  ) {}

  async list(workspaceId: string): Promise<MemberView[]> {
    return (await this.repositories.workspaces.members(workspaceId)).map(memberView);
  }

  /**
   * Adds the person with `email` (creating their account when there is none). Someone who cannot sign
   * in yet gets a one-time link, returned once for the owner to pass on.
   */
  async add(workspaceId: string, email: string, role: WorkspaceRole): Promise<AddedMemberView> {
    const user = await this.repositories.users.ensure({ id: randomUUID(), email: email.trim() });
    if (!(await this.repositories.workspaces.addMember(workspaceId, user.id, role))) throw new IdentityError('conflict', `${user.email} is a member of this workspace already`);
    const member = await this.repositories.workspaces.member(workspaceId, user.id);
    if (!member) throw new IdentityError('not_found', `No member ${user.id} in this workspace`);
    const canSignIn = user.passwordHash !== null || user.oidcSubject !== null;
    const signInLink = canSignIn ? null : (await this.links.issue(user, 'member invite')).url;
    return { ...memberView(member), signInLink };
  }

  async changeRole(workspaceId: string, userId: string, role: WorkspaceRole): Promise<MemberView> {
    this.refuse(await this.repositories.workspaces.changeMember(workspaceId, userId, role), userId);
    const member = await this.repositories.workspaces.member(workspaceId, userId);
    if (!member) throw new IdentityError('not_found', `No member ${userId} in this workspace`);
    return memberView(member);
  }

  /** Removes the member; their sessions in the workspace move to another of theirs, or end. */
  async remove(workspaceId: string, userId: string): Promise<void> {
    this.refuse(await this.repositories.workspaces.changeMember(workspaceId, userId, null), userId);
    const elsewhere = (await this.repositories.workspaces.membershipsOf(userId))[0]?.workspace.id ?? null;
    await this.repositories.sessions.leaveWorkspace(userId, workspaceId, elsewhere);
  }

  private refuse(result: 'changed' | 'not_member' | 'last_owner', userId: string): void {
    if (result === 'not_member') throw new IdentityError('not_found', `No member ${userId} in this workspace`);
    if (result === 'last_owner') throw new IdentityError('conflict', LAST_OWNER);
  }
}
