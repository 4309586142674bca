import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';

import { signInUrl } from './next-path';
import { SESSION_URLS, SessionService } from './session.service';

/**
 * A 401 from the API means the session ended (expired, signed out elsewhere, password changed): go to the
 * sign-in page and come back here afterwards. Sign-in's own requests are left to the pages that make them.
 * The error still reaches the caller, so nothing waits forever.
 */
export const signInOnUnauthorized: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  const session = inject(SessionService);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && isApiCall(request.url) && !isSessionCall(request.url)) {
        session.forget();
        const here = router.currentNavigation()?.finalUrl?.toString() ?? router.url;
        if (!here.startsWith('/sign-in')) void router.navigateByUrl(signInUrl(here));
      }
      return throwError(() => error);
    }),
  );
};

function isApiCall(url: string): boolean {
  return url.startsWith('/api/');
}

function isSessionCall(url: string): boolean {
  const path = url.split('?')[0];
  return (SESSION_URLS as readonly string[]).includes(path);
}
