import type { Request, RequestHandler } from 'express';

import type { AuthenticatedRequest } from '../auth/principal';
import { isUnsafeMethod } from '../http/cross-site-requests';
import type { AuditTrail } from './audit-trail';
import type { AuditedRoutes } from './audited-routes';

/** The route's first path parameter (a job id, a dataset name), which is what was acted on. */
const firstParam = (request: Request): string | null => {
  const values = Object.values(request.params ?? {});
  return typeof values[0] === 'string' ? values[0].slice(0, 200) : null;
};

/**
 * Records every unsafe authenticated request once its answer has gone out: who, which action, on what, and
 * whether it succeeded (2xx/3xx) or was refused or failed (4xx/5xx, a 403 included: the guard has set the
 * principal by then). Only those facts: never the body, the query or a header, where secrets travel.
 * Requests without a principal (refused as cross-site, signed out, unknown routes) are not the log's.
 */
export function auditRequests(trail: AuditTrail, routes: AuditedRoutes): RequestHandler {
  return (request, response, next) => {
    if (isUnsafeMethod(request.method)) {
      response.once('finish', () => {
        const principal = (request as AuthenticatedRequest).principal;
        const route = (request as Request & { route?: { path?: unknown } }).route?.path;
        if (!principal || typeof route !== 'string') return;
        const action = routes.actionFor(request.method, route);
        if (!action) return;
        void trail.record({
          workspaceId: principal.workspaceId,
          actorUserId: principal.userId,
          actor: principal.actor,
          action,
          target: firstParam(request),
          outcome: response.statusCode < 400 ? 'success' : 'failure',
          detail: { status: response.statusCode, via: principal.via },
          ip: request.ip ?? null,
        });
      });
    }
    next();
  };
}
