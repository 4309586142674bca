/**
 * Where to go after signing in: `next` only when it is a path of this app. "//host" and "/\host" are
 * other origins to a browser, and a full URL is never followed, so the sign-in page cannot be used to
 * send someone elsewhere with a credible-looking link.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Control characters (a tab or newline inside "/\t/host") are dropped by URL parsers and could turn the path into "//host".
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/sign-in#')) return '/';
  return next;
}

/** The sign-in page's address that comes back to `url` afterwards. */
export function signInUrl(url: string): string {
  const next = safeNextPath(url);
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
