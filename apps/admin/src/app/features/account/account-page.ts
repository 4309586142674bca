import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';

import { describeHttpError } from '../../core/jobs-api.service';
import { SessionService } from '../../core/session.service';

/** The signed-in user: workspaces, and their password (set the first one after signing in by link). */
@Component({
  selector: 'sl-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  templateUrl: './account-page.html',
})
export class AccountPage {
  readonly session = inject(SessionService);

  readonly currentPassword = signal('');
  readonly newPassword = signal('');
  readonly repeated = signal('');
  readonly busy = signal(false);
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  /** Set here once, so the form asks for the current password from then on without another session probe. */
  readonly passwordSet = signal(false);

  hasPassword(): boolean {
    return this.passwordSet() || (this.session.session()?.user.hasPassword ?? false);
  }

  changePassword(): void {
    const hasPassword = this.hasPassword();
    if (hasPassword && !this.currentPassword()) return this.error.set('Enter your current password');
    if (!this.newPassword()) return this.error.set('Enter the new password');
    if (this.newPassword() !== this.repeated()) return this.error.set('The two new passwords differ');
    this.busy.set(true);
    this.message.set(null);
    this.error.set(null);
    this.session.changePassword(hasPassword ? this.currentPassword() : null, this.newPassword()).subscribe({
      next: () => {
        this.busy.set(false);
        this.currentPassword.set('');
        this.newPassword.set('');
        this.repeated.set('');
        this.message.set(hasPassword ? 'Password changed; your other sessions were signed out' : 'Password set: you can now sign in with your email and it');
        this.passwordSet.set(true);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeHttpError(error));
      },
    });
  }
}
