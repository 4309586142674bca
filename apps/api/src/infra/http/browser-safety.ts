import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import type { SecretBox } from '@sluice/db';

import { browserRequestChecks } from './browser-request-checks';
import type { BrowserSafetyConfig } from './browser-safety-config';
import { applyCors } from './cors';
import { csrfTokens } from './csrf-tokens';
import { securityHeaders } from './security-headers';

/** Headers, CORS and CSRF for everything the app serves; registered before body parsing, so a refusal reads no body. */
export function applyBrowserSafety(app: INestApplication, config: BrowserSafetyConfig, secrets: SecretBox): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  if (config.trustProxy !== null) express.set('trust proxy', config.trustProxy);
  for (const handler of securityHeaders()) app.use(handler);
  applyCors(app, config.corsOrigins);
  const trusted = new Set([...config.corsOrigins, ...(config.publicOrigin ? [config.publicOrigin] : [])]);
  for (const handler of browserRequestChecks(csrfTokens(secrets.derive('csrf')), trusted)) app.use(handler);
}
