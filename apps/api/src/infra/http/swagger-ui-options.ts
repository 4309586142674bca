import type { SwaggerCustomOptions } from '@nestjs/swagger';

/**
 * Swagger UI's "Try it out" sends the session cookie like any same-origin page, so its changes need the XSRF
 * header too: the interceptor copies the XSRF-TOKEN cookie into X-XSRF-TOKEN, as Angular does. It runs in the
 * browser (Nest writes the function's source into swagger-ui-init.js, an external script the CSP allows).
 */
export const SWAGGER_UI_OPTIONS: SwaggerCustomOptions = {
  swaggerOptions: {
    requestInterceptor: (request: { headers: Record<string, string> }) => {
      const cookie = (globalThis as unknown as { document: { cookie: string } }).document.cookie;
      const token = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(cookie);
      if (token) request.headers['X-XSRF-TOKEN'] = decodeURIComponent(token[1]);
      return request;
    },
  },
};
