const BASE = 'http://sluice.invalid';
const MAX_LENGTH = 2048;

/**
 * Where to go after signing in: `next` when it is a path of this app, else `/`. Anything that could leave the
 * app (`//host`, `/\host`, `https://…`, control characters a browser would drop) or loop back into sign-in falls back.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > MAX_LENGTH || !next.startsWith('/')) return '/';
  // Browsers strip tabs and newlines and read a backslash as a slash, which turns "/\t/evil" or "/\evil" into "//evil".
  if (/[\u0000-\u001f\u007f\\]/.test(next) || next.startsWith('//')) return '/';
  const url = new URL(next, BASE);
  if (url.origin !== BASE || url.pathname.startsWith('/api/auth/oidc')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
