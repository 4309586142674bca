import { Injectable } from '@nestjs/common';
import { Identity, IdentityError, type SsoClaims } from '@sluice/identity';
import type { Request, Response } from 'express';

import { AuditTrail } from '../../infra/audit/audit-trail';
import { clientOf } from '../../infra/auth/credentials';
import { identityHttpError } from '../../infra/auth/identity-http-error';
import { SessionStarter } from './session-starter';

/** What the OIDC callback calls once the provider vouched for someone: it signs them in as password sign-in does. */
export const SSO_SESSION_STARTER = Symbol('SsoSessionStarter');

export interface SsoSessionStarterPort {
  /** Sets the session cookie, or throws a 403 HttpException naming why the person has no account. */
  signInWithSso(claims: SsoClaims, request: Request, response: Response): Promise<void>;
}

@Injectable()
export class SsoSessionStarter implements SsoSessionStarterPort {
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
      throw identityHttpError(error);
    }
  }
}
