import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';

import { signInUrl } from './next-path';
import { SessionService } from './session.service';

/** Every page but /sign-in needs a session; without one, sign in first and come back. */
export const requireSession: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(SessionService)
    .ensure()
    .pipe(
      // The API not answering at all also ends on the sign-in page, which says so.
      catchError(() => of(null)),
      map((session) => session !== null || router.parseUrl(signInUrl(state.url))),
    );
};

/** Members' changes, tokens and the audit log are the owner's; others land on the jobs list. */
export const requireOwner: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(SessionService)
    .ensure()
    .pipe(
      catchError(() => of(null)),
      map((session) => (session === null ? router.parseUrl(signInUrl(state.url)) : session.workspace.role === 'owner' || router.parseUrl('/'))),
    );
};
