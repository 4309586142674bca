/** What browsers may do across origins: CORS_ORIGINS (comma-separated, e.g. "https://ops.example.com"), closed when empty. */
export interface BrowserSafetyConfig {
  /** Origins other than the API's own that may call it from a browser, with credentials. */
  corsOrigins: string[];
  /** PUBLIC_URL's origin: where users reach the admin (behind a proxy it may differ from the Host the API sees). */
  publicOrigin: string | null;
  /**
   * TRUST_PROXY, Express's "trust proxy" (e.g. "loopback", "1", "10.0.0.0/8"): behind a TLS-terminating proxy it lets
   * X-Forwarded-Proto/For say the request was https (HSTS, Secure cookies) and who sent it (the audit log's ip).
   */
  trustProxy: string | number | null;
}

const originOf = (url: string, name: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    throw new Error(`${name} must list full origins such as https://sluice.example.com, not "${url}"`);
  }
};

export function browserSafetyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BrowserSafetyConfig {
  const corsOrigins = (env['CORS_ORIGINS'] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => originOf(origin, 'CORS_ORIGINS'));
  const trustProxy = env['TRUST_PROXY']?.trim() || null;
  return {
    corsOrigins,
    publicOrigin: env['PUBLIC_URL'] ? originOf(env['PUBLIC_URL'], 'PUBLIC_URL') : null,
    trustProxy: trustProxy !== null && /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy,
  };
}
