import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { ApiTokenView, CreatedApiTokenView, TokenScope } from '@sluice/contracts';
import { startWith, Subject, switchMap } from 'rxjs';

import { describeHttpError } from '../../core/jobs-api.service';
import { NewApiToken, TokensApiService } from '../../core/tokens-api.service';
import { LoadStatus } from '../../shared/load-status';
import { asLoaded, Loaded } from '../../shared/loaded';
import { SCOPE_CHOICES } from '../../shared/role-labels';
import { SecretOnce } from '../../shared/secret-once';

/** Whether a token still works: revoked and expired ones are kept in the list, for the record. */
export function tokenState(token: ApiTokenView, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/**
 * API tokens for automation and the CLI. A new token is shown once, in this page only: the API keeps only
 * its hash, and the panel forgets it when dismissed or when the page is left.
 */
@Component({
  selector: 'sl-tokens-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStatus, SecretOnce],
  templateUrl: './tokens-page.html',
})
export class TokensPage {
  private readonly api = inject(TokensApiService);
  private readonly refresh$ = new Subject<void>();
  readonly scopes = SCOPE_CHOICES;
  readonly tokenState = tokenState;

  readonly state = toSignal(
    this.refresh$.pipe(
      startWith(null),
      switchMap(() => asLoaded(this.api.list())),
    ),
    {
      initialValue: { value: null, error: null } as Loaded<ApiTokenView[]>,
    },
  );

  readonly name = signal('');
  readonly scope = signal<TokenScope>('write');
  /** Days until it expires; empty: never. */
  readonly expiresInDays = signal('90');
  readonly busy = signal(false);
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly created = signal<CreatedApiTokenView | null>(null);
  readonly confirmingRevoke = signal<string | null>(null);

  create(): void {
    const name = this.name().trim();
    if (!name) {
      this.error.set('Name the token after what will use it, e.g. "nightly import"');
      return;
    }
    const days = this.expiresInDays().trim();
    if (days && !/^[1-9]\d*$/.test(days)) {
      this.error.set('Expiry must be a whole number of days, or empty for a token that does not expire');
      return;
    }
    const request: NewApiToken = { name, scopes: [this.scope()], ...(days ? { expiresInDays: Number(days) } : {}) };
    this.start();
    this.api.create(request).subscribe({
      next: (created) => {
        this.busy.set(false);
        this.name.set('');
        this.created.set(created);
        this.refresh$.next();
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  revoke(token: ApiTokenView): void {
    if (this.confirmingRevoke() !== token.id) {
      this.confirmingRevoke.set(token.id);
      return;
    }
    this.confirmingRevoke.set(null);
    this.start();
    this.api.revoke(token.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.message.set(`Token "${token.name}" revoked: requests with it are refused from now on`);
        this.refresh$.next();
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private start(): void {
    this.busy.set(true);
    this.message.set(null);
    this.error.set(null);
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    this.error.set(describeHttpError(error));
  }
}
