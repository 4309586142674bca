import { ChangeDetectionStrategy, Component, DestroyRef, inject, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { SessionView } from '@sluice/contracts';
import { catchError, Observable, of } from 'rxjs';

import { describeHttpError } from '../../core/jobs-api.service';
import { safeNextPath } from '../../core/next-path';
import { SessionService } from '../../core/session.service';
import { describeSignInError } from './sign-in-error';

const LINK_FRAGMENT = /^link=(.+)$/;

/**
 * Email and password, single sign-on when configured, and one-time links (`/sign-in#link=<secret>`: the secret
 * is in the fragment so it never reaches a server log; it is removed from the address bar once read).
 */
@Component({
  selector: 'sl-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.html',
})
export class SignInPage implements OnInit {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly next = safeNextPath(this.route.snapshot.queryParamMap.get('next'));
  private probed = false;

  readonly options = toSignal(this.session.signInOptions().pipe(catchError(() => of(null))), { initialValue: undefined });
  readonly email = signal('');
  readonly password = signal('');
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly redeeming = signal(false);

  ngOnInit(): void {
    // The fragment, not window.location once: a link opened while this page is showing only changes the fragment.
    this.route.fragment.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((fragment) => {
      const link = LINK_FRAGMENT.exec(fragment ?? '')?.[1];
      if (link) this.redeem(link);
      else if (!this.probed) this.continueIfSignedIn();
    });
  }

  signIn(): void {
    const email = this.email().trim();
    if (!email || !this.password()) {
      this.error.set('Enter your email and password');
      return;
    }
    this.finish(this.session.signIn(email, this.password()), describeSignInError);
  }

  private redeem(link: string): void {
    // Out of the address bar and history before anything else, whatever the answer.
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    this.probed = true;
    this.redeeming.set(true);
    this.finish(this.session.redeemLink(link), (error) => `${sentence(describeHttpError(error))} Ask for a new link, or sign in with your email and password.`);
  }

  /** Already signed in (a bookmark, the back button): straight on. */
  private continueIfSignedIn(): void {
    this.probed = true;
    this.session.ensure().subscribe({ next: (session) => session && void this.router.navigateByUrl(this.next), error: () => undefined });
  }

  private finish(request: Observable<SessionView>, describe: (error: unknown) => string): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: () => void this.router.navigateByUrl(this.next),
      error: (error: unknown) => {
        this.busy.set(false);
        this.redeeming.set(false);
        this.password.set('');
        this.error.set(describe(error));
      },
    });
  }
}

function sentence(words: string): string {
  return /[.!?]$/.test(words) ? words : `${words}.`;
}
