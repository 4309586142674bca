import { Injectable } from '@nestjs/common';
import type { SessionView } from '@sluice/contracts';
import { Identity, type StartedSession } from '@sluice/identity';
import type { Request, Response } from 'express';

import { AuditTrail } from '../../infra/audit/audit-trail';
import type { XsrfIssuing } from '../../infra/http/browser-request-checks';

import { setSessionCookie } from './session-cookie';

/** The end of every way of signing in: the cookie, the audit entry, the session's view. */
@Injectable()
export class SessionStarter {
  constructor(
    private readonly identity: Identity,
    private readonly audit: AuditTrail,
  ) {}

  async begin(started: StartedSession, how: 'password' | 'link' | 'sso', request: Request, response: Response): Promise<SessionView> {
    setSessionCookie(request, response, started.secret, started.session.expiresAt);
    (response.locals as XsrfIssuing).issueXsrfToken?.(started.secret);
    await this.audit.record({
      workspaceId: started.session.workspaceId,
      actorUserId: started.user.id,
      actor: started.user.email,
      action: how === 'link' ? 'session.link_redeem' : 'session.sign_in',
      target: started.user.email,
      outcome: 'success',
      detail: { method: how },
      ip: request.ip ?? null,
    });
    return this.identity.sessions.view(started.session.id);
  }
}
