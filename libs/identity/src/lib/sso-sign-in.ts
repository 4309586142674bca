import { randomUUID } from 'node:crypto';

import type { UserRecord } from '@sluice/db';

import { IdentityError } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import type { Workspaces } from './workspaces';

/** What the OpenID Connect provider told us about the person signing in. */
export interface SsoClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** Who signs in through single sign-on: linked once by (issuer, subject), at first by a verified email. */
export class SsoAccounts {
  constructor(
    private readonly repositories: IdentityRepositories,
    private readonly workspaces: Workspaces,
    /** OIDC_ALLOW_SIGN_UP: an unknown person gets an account and a workspace of their own. */
    private readonly allowSignUp: boolean,
  ) {}

  async resolve(claims: SsoClaims): Promise<UserRecord> {
    const linked = await this.repositories.users.findByOidc(claims.issuer, claims.subject);
    if (linked) return linked;
    const email = claims.email?.trim().toLowerCase() ?? null;
    // An unverified address could be anyone's: it never links to, or creates, an account.
    const byEmail = email && claims.emailVerified ? await this.repositories.users.findByEmail(email) : null;
    if (byEmail) {
      if (byEmail.oidcSubject && byEmail.oidcIssuer === claims.issuer) throw new IdentityError('forbidden', `${email} is linked to another single sign-on identity already`);
      await this.repositories.users.linkOidc(byEmail.id, claims.issuer, claims.subject);
      return byEmail;
    }
    if (!email || !claims.emailVerified)
      throw new IdentityError('forbidden', `No Sluice account for ${email ?? 'this sign-in'}: the identity provider gave no verified email; ask a workspace owner to add you`);
    if (!this.allowSignUp) throw new IdentityError('forbidden', `No Sluice account for ${email}: ask a workspace owner to add you`);
    const user = await this.repositories.users.ensure({ id: randomUUID(), email, name: claims.name });
    await this.repositories.users.linkOidc(user.id, claims.issuer, claims.subject);
    await this.workspaces.create(user.id, `${claims.name?.trim() || email}'s workspace`);
    return (await this.repositories.users.find(user.id)) ?? user;
  }
}
