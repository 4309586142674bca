import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { AddedMemberView, MemberView, WorkspaceRole } from '@sluice/contracts';
import { Observable, startWith, Subject, switchMap } from 'rxjs';

import { describeHttpError } from '../../core/jobs-api.service';
import { MembersApiService } from '../../core/members-api.service';
import { SessionService } from '../../core/session.service';
import { LoadStatus } from '../../shared/load-status';
import { asLoaded, Loaded } from '../../shared/loaded';
import { ROLE_CHOICES } from '../../shared/role-labels';
import { SecretOnce } from '../../shared/secret-once';

/** Who is in the workspace; owners add people, change roles and remove members. */
@Component({
  selector: 'sl-members-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStatus, SecretOnce],
  templateUrl: './members-page.html',
})
export class MembersPage {
  private readonly api = inject(MembersApiService);
  private readonly refresh$ = new Subject<void>();
  readonly session = inject(SessionService);
  readonly roles = ROLE_CHOICES;

  readonly state = toSignal(
    this.refresh$.pipe(
      startWith(null),
      switchMap(() => asLoaded(this.api.list())),
    ),
    {
      initialValue: { value: null, error: null } as Loaded<MemberView[]>,
    },
  );

  readonly email = signal('');
  readonly role = signal<WorkspaceRole>('editor');
  readonly busy = signal(false);
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  /** The one-time sign-in link of someone just added, until dismissed. */
  readonly invited = signal<AddedMemberView | null>(null);
  readonly confirmingRemove = signal<string | null>(null);

  add(): void {
    const email = this.email().trim();
    if (!email) {
      this.error.set('Enter the email address of the person to add');
      return;
    }
    this.run(this.api.add(email, this.role()), (added) => {
      this.email.set('');
      this.invited.set(added.signInLink ? added : null);
      return added.signInLink
        ? `${added.user.email} added as ${added.role}; pass on the sign-in link below`
        : `${added.user.email} added as ${added.role}; they sign in as they already do`;
    });
  }

  /** A refused change (the last owner) puts the select back: the list read again is the same, so nothing else would. */
  changeRole(member: MemberView, select: HTMLSelectElement): void {
    const role = select.value as WorkspaceRole;
    if (role === member.role) return;
    this.run(
      this.api.changeRole(member.user.id, role),
      (changed) => `${changed.user.email} is now ${changed.role}`,
      () => (select.value = member.role),
    );
  }

  remove(member: MemberView): void {
    if (this.confirmingRemove() !== member.user.id) {
      this.confirmingRemove.set(member.user.id);
      return;
    }
    this.confirmingRemove.set(null);
    this.run(this.api.remove(member.user.id), () => `${member.user.email} removed from the workspace`);
  }

  private run<T>(request: Observable<T>, describe: (result: T) => string, undo: () => void = () => undefined): void {
    this.busy.set(true);
    this.message.set(null);
    this.error.set(null);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        this.message.set(describe(result));
        this.refresh$.next();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeHttpError(error));
        undo();
      },
    });
  }
}
