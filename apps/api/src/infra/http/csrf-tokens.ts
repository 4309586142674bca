import { doubleCsrf } from 'csrf-csrf';
import type { Request, Response } from 'express';

import { SESSION_COOKIE } from '../auth/credentials';

// Only requests carrying the session cookie can be forged through a browser.
export { SESSION_COOKIE };
/** Angular's HttpClient reads this cookie and echoes it in X-XSRF-TOKEN on unsafe same-origin requests. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

/** Set by issueFor() when a response starts a new session, so the token is bound to the session the browser will have. */
const NEW_SESSION = Symbol('sluice:newSessionSecret');
type WithNewSession = Request & { [NEW_SESSION]?: string };

export interface CsrfTokens {
  /** Whether the request's XSRF-TOKEN cookie was issued for its session cookie. */
  hasValidCookie(request: Request): boolean;
  /** Whether the X-XSRF-TOKEN header matches a valid XSRF-TOKEN cookie of the request's session. */
  validRequest(request: Request): boolean;
  /** Sets a fresh XSRF-TOKEN cookie for the request's session, or for `sessionSecret` when the response starts one. */
  issue(request: Request, response: Response, sessionSecret?: string): void;
}

/**
 * Double-submit CSRF tokens (csrf-csrf): the XSRF-TOKEN cookie holds an HMAC of the session cookie and a random
 * value under a server key, and an unsafe request must echo it in X-XSRF-TOKEN. Another site can neither read
 * the cookie nor mint a token for the victim's session, and a token planted through a sibling subdomain's
 * cookie does not match the session it is sent with.
 */
export function csrfTokens(hmacKey: Buffer): CsrfTokens {
  const secret = hmacKey.toString('base64');
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (request) => (request as WithNewSession)[NEW_SESSION] ?? request.cookies?.[SESSION_COOKIE] ?? '',
    cookieName: XSRF_COOKIE,
    // Readable by the admin's script, which is the point of double submit; Strict so it never leaves this site.
    cookieOptions: { httpOnly: false, sameSite: 'strict', path: '/', secure: false },
    getCsrfTokenFromRequest: (request) => request.headers[XSRF_HEADER] as string | undefined,
  });
  return {
    // The cookie checked as if it had been sent back in the header.
    hasValidCookie: (request) =>
      typeof request.cookies?.[XSRF_COOKIE] === 'string' &&
      validateRequest(Object.assign(Object.create(request), { headers: { ...request.headers, [XSRF_HEADER]: request.cookies[XSRF_COOKIE] } })),
    validRequest: (request) => validateRequest(request),
    issue(request, response, sessionSecret) {
      if (sessionSecret) (request as WithNewSession)[NEW_SESSION] = sessionSecret;
      generateCsrfToken(request, response, { overwrite: true, cookieOptions: { httpOnly: false, sameSite: 'strict', path: '/', secure: request.secure } });
    },
  };
}
