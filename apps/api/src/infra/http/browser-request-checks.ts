import { ForbiddenException } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import type { Request, RequestHandler } from 'express';

import { isCrossSiteRequest, isUnsafeMethod } from './cross-site-requests';
import { type CsrfTokens, SESSION_COOKIE } from './csrf-tokens';
import { sendError } from './send-error';

export const CROSS_SITE_REFUSED = 'Cross-site request refused';
export const CSRF_TOKEN_REFUSED = 'Missing or invalid CSRF token: reload the page';

/** What a response that starts a session calls, so the admin's first change already has its XSRF token. */
export interface XsrfIssuing {
  issueXsrfToken?: (sessionSecret: string) => void;
}

const ownOrigin = (request: Request): string => `${request.protocol}://${request.get('host') ?? ''}`;

/**
 * Before any route or body parser: unsafe requests from another site are refused (403), and so are unsafe requests
 * carrying the session cookie without a matching X-XSRF-TOKEN. Requests without the session cookie (an API token,
 * the sign-in form), or with an Authorization header, need no token; the cross-site check covers them. Every response to a request with a session
 * cookie but no valid XSRF-TOKEN cookie gets one, so the admin always has a token for its next change.
 */
export function browserRequestChecks(tokens: CsrfTokens, trustedOrigins: ReadonlySet<string>): RequestHandler[] {
  const check: RequestHandler = (request, response, next) => {
    // How a sign-in hands the browser its token at once, bound to the session it has just started.
    (response.locals as XsrfIssuing).issueXsrfToken = (sessionSecret) => tokens.issue(request, response, sessionSecret);
    if (isCrossSiteRequest({ method: request.method, headers: request.headers, ownOrigin: ownOrigin(request) }, trustedOrigins)) {
      return sendError(new ForbiddenException(CROSS_SITE_REFUSED), request, response);
    }
    if (!request.cookies?.[SESSION_COOKIE]) return next();
    if (!tokens.hasValidCookie(request)) tokens.issue(request, response);
    // An Authorization header cannot be forged either: another site's page can add one only after a CORS preflight,
    // which is refused (or limited to CORS_ORIGINS). So a token in Swagger UI works while a session cookie rides along.
    if (isUnsafeMethod(request.method) && !request.headers.authorization && !tokens.validRequest(request)) {
      return sendError(new ForbiddenException(CSRF_TOKEN_REFUSED), request, response);
    }
    next();
  };
  return [cookieParser(), check];
}
