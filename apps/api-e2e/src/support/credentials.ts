import type { CreatedApiTokenView, SessionView } from '@sluice/contracts';

/**
 * How the integration tests get credentials: the way people do. A one-time sign-in link (the first-run
 * one the API logs on an empty database, else one an operator issues) is redeemed with
 * POST /api/session/link for a session cookie, and the session creates an admin API token with
 * POST /api/tokens.
 *
 * Every test written before sign-in existed calls `fetch(baseUrl…)` with no credentials. Rather than
 * edit hundreds of calls, `authorizeOrigin` installs a fetch wrapper that adds `Authorization: Bearer
 * <token>` to requests for the app's origin that carry no Authorization or Cookie header of their own
 * (so tests of sessions and tokens still send exactly what they set). Requests to any other origin
 * (webhook receivers, MinIO) are untouched. The wrapper goes when the last app closes.
 * `anonymousFetch` is the unwrapped fetch, for requests that must carry nothing.
 */

export const anonymousFetch: typeof fetch = globalThis.fetch.bind(globalThis);

interface OriginCredentials {
  authorization: string;
  cookie: string;
}

const byOrigin = new Map<string, OriginCredentials>();
let latest: OriginCredentials | null = null;

function authorizingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const credentials = byOrigin.get(url.origin);
  if (!credentials) return anonymousFetch(input, init);
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  if (!headers.has('authorization') && !headers.has('cookie')) headers.set('authorization', credentials.authorization);
  return anonymousFetch(input, { ...init, headers });
}

/** From now on, plain fetch calls to `baseUrl` carry the token (see above). */
export function authorizeOrigin(baseUrl: string, token: string, cookie: string): void {
  const credentials = { authorization: `Bearer ${token}`, cookie };
  byOrigin.set(new URL(baseUrl).origin, credentials);
  latest = credentials;
  globalThis.fetch = authorizingFetch as typeof fetch;
}

export function forgetOrigin(baseUrl: string): void {
  const gone = byOrigin.get(new URL(baseUrl).origin);
  byOrigin.delete(new URL(baseUrl).origin);
  if (gone === latest) latest = [...byOrigin.values()].at(-1) ?? null;
  if (byOrigin.size === 0) globalThis.fetch = anonymousFetch;
}

/** The Authorization header of the app started last: every app of a run shares one database, so it is good for all. */
export function currentAuthorization(): string | null {
  return latest?.authorization ?? null;
}

/** Session cookies for every app started, for a browser to carry (see admin-browser.ts). */
export function sessionCookies(): { origin: string; cookie: string }[] {
  return [...byOrigin.entries()].map(([origin, { cookie }]) => ({ origin, cookie }));
}

/** Cookies a browser would keep for one origin: what Set-Cookie gave, sent back as a Cookie header. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * A request as the admin makes it with a session: the jar's cookies, same-origin headers, and the
 * double-submitted XSRF token Angular sends on unsafe requests when the API has set one.
 */
export async function sessionFetch(baseUrl: string, jar: CookieJar, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', jar.header());
  headers.set('origin', baseUrl);
  headers.set('sec-fetch-site', 'same-origin');
  // A form's content type (with its boundary) is fetch's to set.
  if (init.body !== undefined && !(init.body instanceof FormData) && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const xsrf = jar.get('XSRF-TOKEN');
  if (xsrf) headers.set('x-xsrf-token', decodeURIComponent(xsrf));
  const response = await anonymousFetch(`${baseUrl}${path}`, { ...init, headers });
  jar.take(response);
  return response;
}

/** The secret of a `<PUBLIC_URL>/sign-in#link=<secret>` link. */
export function linkSecret(link: string): string {
  const secret = /#link=([A-Za-z0-9_-]+)/.exec(link)?.[1];
  if (!secret) throw new Error(`Not a sign-in link: ${link}`);
  return secret;
}

export interface SignedIn {
  jar: CookieJar;
  /** The Cookie header that carries the session. */
  cookie: string;
  session: SessionView;
}

/** Redeems a one-time sign-in link as the admin's /sign-in page does. */
export async function redeemLink(baseUrl: string, link: string): Promise<SignedIn> {
  const jar = new CookieJar();
  const response = await sessionFetch(baseUrl, jar, '/api/session/link', { method: 'POST', body: JSON.stringify({ token: linkSecret(link) }) });
  if (response.status !== 200) throw new Error(`Redeeming a sign-in link: ${response.status} ${await response.text()}`);
  const session = (await response.json()) as SessionView;
  // An API that hands out its XSRF cookie on the first safe request gets the chance here.
  jar.take(await sessionFetch(baseUrl, jar, '/api/session'));
  return { jar, cookie: jar.header(), session };
}

/** An API token made by a signed-in owner, as the admin's tokens page makes one. */
export async function createToken(
  baseUrl: string,
  signedIn: SignedIn,
  scopes: string[] = ['admin'],
  name = 'integration tests',
  expiresInDays?: number,
): Promise<CreatedApiTokenView> {
  const response = await sessionFetch(baseUrl, signedIn.jar, '/api/tokens', {
    method: 'POST',
    body: JSON.stringify({ name, scopes, ...(expiresInDays ? { expiresInDays } : {}) }),
  });
  if (response.status !== 201) throw new Error(`Creating an API token: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedApiTokenView;
}
