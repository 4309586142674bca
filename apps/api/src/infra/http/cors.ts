import type { INestApplication } from '@nestjs/common';

import { XSRF_HEADER } from './csrf-tokens';

/**
 * CORS stays closed (no Access-Control-Allow-* headers at all, so browsers keep other origins' scripts out)
 * unless CORS_ORIGINS lists origins; then only those, with credentials, and the XSRF header they must send.
 */
export function applyCors(app: INestApplication, corsOrigins: readonly string[]): void {
  if (corsOrigins.length === 0) return;
  app.enableCors({ origin: [...corsOrigins], credentials: true, allowedHeaders: ['content-type', 'authorization', XSRF_HEADER], maxAge: 600 });
}
