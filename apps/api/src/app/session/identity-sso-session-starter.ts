import { Injectable } from '@nestjs/common';
import { Identity, IdentityError, type SsoClaims } from '@sluice/identity';
import type { Request, Response } from 'express';

import { AuditTrail } from '../../infra/audit/audit-trail';
import { clientOf } from '../../infra/auth/credentials';
import { SessionStarter } from './session-starter';
import { type SsoSessionStarter, SsoSignInRefusedError } from './sso-session-starter';

/** Signs in whom the OIDC provider vouched for, as password sign-in does; refuses people without an account. */
@Injectable()
export class IdentitySsoSessionStarter implements SsoSessionStarter {
  constructor(
    private readonly identity: Identity,
    private readonly starter: SessionStarter,
    private readonly audit: AuditTrail,
  ) {}

  async signInWithSso(claims: SsoClaims, request: Request, response: Response): Promise<void> {
    try {
      const user = await this.identity.sso.resolve(claims);
      await this.starter.begin(await this.identity.sessions.start(user, clientOf(request)), 'sso', request, response);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      await this.audit.record({
        workspaceId: null,
        actorUserId: null,
        actor: claims.email,
        action: 'session.sign_in',
        target: claims.email,
        outcome: 'failure',
        detail: { method: 'sso', reason: error.message },
        ip: request.ip ?? null,
      });
      throw new SsoSignInRefusedError(error.message);
    }
  }
}
