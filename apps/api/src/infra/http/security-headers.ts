import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of the admin (an Angular build served from this origin) and of /docs (Swagger UI):
 * scripts only from this origin, no inline script or event handler attributes (the admin is built without
 * Angular's inlined critical CSS, whose stylesheet `onload` handler would need them), no plugins, no framing.
 * Styles allow 'unsafe-inline': Angular adds component styles as <style> elements at run time, and Angular
 * Material, ngx-charts and Swagger UI set style attributes; a nonce would need the static index.html rewritten
 * per request. Inline styles cannot run script, so with script-src 'self' that leaves only CSS tricks.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Left out: over plain http (a loopback or LAN install) it would send the page's requests to an https port nothing serves.
  upgradeInsecureRequests: null,
};

/**
 * Security headers on every answer (API, admin, docs) via helmet: the CSP above, nosniff, X-Frame-Options DENY,
 * no referrer, and HSTS only on requests that arrived over https (on plain http it would be ignored at best,
 * and would lock out a deployment that has no TLS at worst).
 */
export function securityHeaders(): RequestHandler[] {
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (request, response, next) => (request.secure ? hsts(request, response, next) : next()),
  ];
}
