/**
 * What a browser keeps between requests for a sign-in journey: cookies per origin (set, replaced and deleted by
 * Set-Cookie) and the redirects, followed by hand so a test can stop at any hop and look at it.
 */
export class BrowserSession {
  private readonly jar = new Map<string, Map<string, string>>();

  /** One request, redirects not followed. A form is sent urlencoded as a POST. */
  async request(url: string, { form, cookies }: { form?: Record<string, string>; cookies?: string } = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const cookieHeader = cookies ?? this.cookieHeader(target.origin);
    if (cookieHeader) headers['cookie'] = cookieHeader;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
    this.store(target.origin, response.headers.getSetCookie());
    return response;
  }

  /** Requests url and follows redirects (as GETs) until one leads to a URL `until` accepts, or an answer is not a redirect. */
  async follow(url: string, { form, until = () => false }: { form?: Record<string, string>; until?: (url: URL) => boolean } = {}): Promise<{ url: URL; response: Response }> {
    let current = new URL(url);
    let response = await this.request(current.href, { form });
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      const next = new URL(location, current);
      if (until(next)) return { url: next, response };
      current = next;
      response = await this.request(current.href);
    }
    throw new Error(`Too many redirects from ${url}`);
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  cookieHeader(origin: string): string {
    return [...(this.jar.get(origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private store(origin: string, setCookies: string[]): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const setCookie of setCookies) {
      const [pair, ...attributes] = setCookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, attributeValue = ''] = attribute.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(attributeValue) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(attributeValue) <= Date.now();
        return false;
      });
      if (expired || !value) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(origin, cookies);
  }
}
