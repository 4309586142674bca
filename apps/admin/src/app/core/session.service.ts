import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { SessionView, SignInOptionsView, WorkspaceView } from '@sluice/contracts';
import { catchError, map, Observable, of, shareReplay, tap, throwError } from 'rxjs';

/** Session requests the sign-in interceptor leaves alone: their 401 is an answer for the caller, not "go and sign in". */
export const SESSION_URLS = ['/api/session', '/api/session/link', '/api/session/password', '/api/auth/providers'] as const;

/**
 * Who is signed in and in which workspace (the `sluice_session` cookie itself is HttpOnly, so the API is asked).
 * Pages read the signals; the route guard calls `ensure()` before any page but /sign-in.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<SessionView | null>(null);
  private probe: Observable<SessionView | null> | null = null;

  /** Null until a session is known: before the first probe, and after signing out or a 401. */
  readonly session = this.current.asReadonly();
  readonly workspace = computed(() => this.current()?.workspace ?? null);
  readonly isOwner = computed(() => this.current()?.workspace.role === 'owner');
  /** Only when the role is known to be viewer: write actions are hidden (the API refuses them anyway). */
  readonly readOnly = computed(() => this.current()?.workspace.role === 'viewer');

  /** The session, asked of the API once; null when signed out (401). Other failures (API down) are errors. */
  ensure(): Observable<SessionView | null> {
    const known = this.current();
    if (known) return of(known);
    this.probe ??= this.http.get<SessionView>('/api/session').pipe(
      catchError((error: unknown) => (error instanceof HttpErrorResponse && error.status === 401 ? of(null) : throwError(() => error))),
      tap({ next: (session) => this.settle(session), error: () => (this.probe = null) }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.probe;
  }

  signIn(email: string, password: string): Observable<SessionView> {
    return this.http.post<SessionView>('/api/session', { email, password }).pipe(tap((session) => this.settle(session)));
  }

  /** Redeems a one-time sign-in link's secret (the `#link=` fragment). */
  redeemLink(token: string): Observable<SessionView> {
    return this.http.post<SessionView>('/api/session/link', { token }).pipe(tap((session) => this.settle(session)));
  }

  signOut(): Observable<void> {
    return this.http.delete<void>('/api/session').pipe(
      // Signed out either way: a session the API no longer knows is as good as ended.
      catchError((error: unknown) => (error instanceof HttpErrorResponse && error.status === 401 ? of(undefined) : throwError(() => error))),
      map(() => undefined),
      tap(() => this.forget()),
    );
  }

  switchWorkspace(workspaceId: string): Observable<SessionView> {
    return this.http.put<SessionView>('/api/session/workspace', { workspaceId }).pipe(tap((session) => this.settle(session)));
  }

  /** A user without a password yet (signed in by link) sets one without a current password. */
  changePassword(currentPassword: string | null, newPassword: string): Observable<void> {
    return this.http.put<void>('/api/session/password', currentPassword === null ? { newPassword } : { currentPassword, newPassword });
  }

  signInOptions(): Observable<SignInOptionsView> {
    return this.http.get<SignInOptionsView>('/api/auth/providers');
  }

  /** After creating a workspace: the session lists it without asking the API again. */
  addWorkspace(workspace: WorkspaceView): void {
    this.current.update((session) => session && { ...session, workspaces: [...session.workspaces, workspace] });
  }

  /**
   * After signing out or a 401 elsewhere: the session ended (expired, signed out in another tab, password changed).
   * Known to be signed out, the guard and the sign-in page need not ask again (each 401 is a console error).
   */
  forget(): void {
    this.settle(null);
  }

  private settle(session: SessionView | null): void {
    this.current.set(session);
    this.probe = of(session);
  }
}
