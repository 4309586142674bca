import type { IncomingHttpHeaders } from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request changes something: only those need CSRF protection (GET routes must not change state). */
export const isUnsafeMethod = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

export interface RequestSite {
  method: string;
  headers: IncomingHttpHeaders;
  /** The origin the request was addressed to, e.g. "http://127.0.0.1:3000" (scheme + Host header). */
  ownOrigin: string;
}

/**
 * Whether an unsafe request comes from another site and must be refused, cookies or not (so a page elsewhere can
 * neither act with a user's session nor sign a victim into the attacker's account). Browsers say where a request
 * comes from in Sec-Fetch-Site and Origin; a listed origin (CORS_ORIGINS, PUBLIC_URL) is trusted. A request with
 * neither header is not from a modern browser's cross-site form or fetch, so it passes (curl, the CLI, servers).
 */
export function isCrossSiteRequest({ method, headers, ownOrigin }: RequestSite, trustedOrigins: ReadonlySet<string>): boolean {
  if (!isUnsafeMethod(method)) return false;
  const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
  const trusted = origin !== undefined && (origin === ownOrigin || trustedOrigins.has(origin));
  // "null" (sandboxed frames, some redirects) and any other origin are refused.
  if (origin !== undefined && !trusted) return true;
  const site = headers['sec-fetch-site'];
  // same-site is another origin on the same site (a sibling subdomain): refused unless its origin is listed.
  if (site === 'cross-site' || site === 'same-site') return !trusted;
  return false;
}
