import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideAnimationsAsync } from '@angular/platform-browser/animations/async';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { appRoutes } from './app.routes';
import { signInOnUnauthorized } from './core/sign-in-on-unauthorized.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(
      withFetch(),
      // The API's CSRF check for cookie-authenticated writes. Angular adds the header only to relative
      // (same-origin) URLs, which is why every API URL in the admin is relative.
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([signInOnUnauthorized]),
    ),
    // ngx-charts declares Angular animations.
    provideAnimationsAsync(),
    provideRouter(appRoutes, withComponentInputBinding()),
  ],
};
