import type { Request, Response } from 'express';

import { SESSION_COOKIE } from '../../infra/auth/credentials';
import { XSRF_COOKIE } from '../../infra/http/csrf-tokens';

/**
 * Hands the browser its session: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * posts), Secure when the request came over https, for the whole origin, until the session's expiry.
 */
export function setSessionCookie(request: Request, response: Response, secret: string, expiresAt: Date): void {
  response.cookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' });
  response.clearCookie(XSRF_COOKIE, { sameSite: 'strict', secure: request.secure, path: '/' });
}
