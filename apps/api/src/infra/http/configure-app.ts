import type { Server } from 'node:http';

import type { INestApplication } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { openSecretBox } from '@sluice/db';

import { auditRequests } from '../audit/audit-requests';
import { AuditTrail } from '../audit/audit-trail';
import { AuditedRoutes } from '../audit/audited-routes';
import { ApiConfig, apiConfigFromEnv } from '../config/api-config';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { bodyIdleTimeout } from './body-idle-timeout';
import { bodyParsers } from './body-parsers';
import { applyBrowserSafety } from './browser-safety';
import { browserSafetyConfigFromEnv } from './browser-safety-config';
import { RejectNulBytesPipe } from './reject-nul-bytes.pipe';
import { applyServerLimits } from './server-limits';
import { SWAGGER_UI_OPTIONS } from './swagger-ui-options';

/**
 * Prefix, request limits, the audit recorder, browser safety (headers, CORS, CSRF), body parsing, validation,
 * error answers and OpenAPI: shared by main.ts and the integration tests, so both serve the same API. The middleware registered here runs before
 * every module's (the admin's static files included), so no module can change how a body is refused.
 */
export function configureApp(app: INestApplication, config: ApiConfig = apiConfigFromEnv()): void {
  applyServerLimits(app.getHttpServer() as Server, config.http);
  app.use(auditRequests(app.get(AuditTrail), app.get(AuditedRoutes)));
  applyBrowserSafety(app, browserSafetyConfigFromEnv(), openSecretBox(config.secretKey));
  app.use(bodyIdleTimeout(config.http.bodyIdleTimeoutMs));
  for (const handler of bodyParsers(config.http)) app.use(handler);
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(new RejectNulBytesPipe(), new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sluice API')
      .setDescription('Durable CSV data jobs')
      .setVersion('0.1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'slu_…' }, 'token')
      .addCookieAuth('sluice_session', { type: 'apiKey', in: 'cookie' }, 'session')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, SWAGGER_UI_OPTIONS);
}
