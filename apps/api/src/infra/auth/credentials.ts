import type { Credentials } from '@sluice/identity';
import type { Request } from 'express';

export const SESSION_COOKIE = 'sluice_session';

/** The bearer token and session cookie a request carries (cookie-parser has filled request.cookies). */
export function credentialsOf(request: Request): Credentials {
  const authorization = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? null;
  const cookies = (request.cookies ?? {}) as Record<string, unknown>;
  const sessionSecret = typeof cookies[SESSION_COOKIE] === 'string' && cookies[SESSION_COOKIE] ? (cookies[SESSION_COOKIE] as string) : null;
  return { bearer, sessionSecret };
}

/** Where a request came from, as Express sees it (trust proxy decides whether X-Forwarded-For counts). */
export function clientOf(request: Request): { ip: string | null; userAgent: string | null } {
  return { ip: request.ip ?? request.socket.remoteAddress ?? null, userAgent: request.headers['user-agent'] ?? null };
}
