import { randomUUID } from 'node:crypto';

import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import type { UserRecord } from '@sluice/db';

import type { ClientInfo } from './caller';
import { IdentityError } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import { type IdentitySettings, signInLinkUrl } from './identity-settings';
import { hashSecret, newSecret } from './secrets';
import type { Sessions, StartedSession } from './sessions';

export type SignInLinkPurpose = 'first owner' | 'member invite' | 'operator';

export interface IssuedLink {
  user: UserRecord;
  /** `<publicUrl>/sign-in#link=<secret>`, valid once until `expiresAt`. */
  url: string;
  expiresAt: Date;
}

/** One-time sign-in links: for the first owner, for new members, and for an operator recovering access. */
export class SignInLinks {
  constructor(
    private readonly repositories: IdentityRepositories,
    private readonly sessions: Sessions,
    private readonly settings: IdentitySettings,
  ) {}

  async issue(user: UserRecord, purpose: SignInLinkPurpose): Promise<IssuedLink> {
    const secret = newSecret();
    const expiresAt = new Date(this.settings.now().getTime() + this.settings.signInLinkMs);
    await this.repositories.signInLinks.create({ id: randomUUID(), tokenHash: hashSecret(secret), userId: user.id, purpose, expiresAt });
    return { user, url: signInLinkUrl(this.settings.publicUrl, secret), expiresAt };
  }

  /** Signs in with a link's secret, once; it also lifts a password lockout (the link is the way back in). */
  async redeem(secret: string, client: ClientInfo): Promise<StartedSession & { purpose: string }> {
    const now = this.settings.now();
    const tokenHash = hashSecret(secret.trim());
    const redeemed = await this.repositories.signInLinks.redeem(tokenHash, now);
    if (!redeemed) {
      const state = await this.repositories.signInLinks.state(tokenHash, now);
      const why = state === 'used' ? 'was used already' : state === 'expired' ? 'has expired' : 'is not valid';
      throw new IdentityError('unauthenticated', `This sign-in link ${why}: ask a workspace owner (or the operator) for a new one`);
    }
    const user = await this.repositories.users.find(redeemed.userId);
    if (!user) throw new IdentityError('unauthenticated', 'This sign-in link is not valid: ask a workspace owner (or the operator) for a new one');
    if (user.failedSignIns > 0 || user.lockedUntil) await this.repositories.users.clearFailedSignIns(user.id);
    return { ...(await this.sessions.start(user, client)), purpose: redeemed.purpose };
  }

  /**
   * First run: when no user exists yet, creates the owner of the default workspace and returns their
   * link; null once anyone exists. Two processes starting at once both end with the same owner.
   */
  async ensureFirstOwner(email: string): Promise<IssuedLink | null> {
    if (await this.repositories.users.any()) return null;
    const owner = await this.repositories.users.ensure({ id: randomUUID(), email });
    await this.repositories.workspaces.addMember(DEFAULT_WORKSPACE_ID, owner.id, 'owner');
    return this.issue(owner, 'first owner');
  }

  /** For the operator who lost access: a link for an existing account, named by email. */
  async issueForOperator(email: string): Promise<IssuedLink> {
    const user = await this.repositories.users.findByEmail(email.trim());
    if (!user) throw new IdentityError('not_found', `No Sluice account for ${email}`);
    return this.issue(user, 'operator');
  }
}
