import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { switchMap } from 'rxjs';

import { AuditApiService, AuditFilters, AuditPage as AuditEventsPage } from '../../core/audit-api.service';
import { LoadStatus } from '../../shared/load-status';
import { asLoaded, Loaded } from '../../shared/loaded';
import { AuditFilterForm, auditFilters } from './audit-range';

interface AuditQuery {
  filters: AuditFilters;
  /** Cursors of the pages read so far, newest first; the last one is shown. null: the newest page. */
  cursors: (string | null)[];
}

const EMPTY_FORM: AuditFilterForm = { action: '', actor: '', from: '', to: '' };

/** Who did what in this workspace, newest first, filtered and paged back in time. */
@Component({
  selector: 'sl-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JsonPipe, LoadStatus],
  templateUrl: './audit-page.html',
})
export class AuditPage {
  private readonly api = inject(AuditApiService);

  readonly form = signal<AuditFilterForm>(EMPTY_FORM);
  readonly query = signal<AuditQuery>({ filters: {}, cursors: [null] });

  readonly state = toSignal(toObservable(this.query).pipe(switchMap(({ filters, cursors }) => asLoaded(this.api.list(filters, cursors[cursors.length - 1])))), {
    initialValue: { value: null, error: null } as Loaded<AuditEventsPage>,
  });

  edit(change: Partial<AuditFilterForm>): void {
    this.form.update((form) => ({ ...form, ...change }));
  }

  apply(): void {
    this.query.set({ filters: auditFilters(this.form()), cursors: [null] });
  }

  clear(): void {
    this.form.set(EMPTY_FORM);
    this.apply();
  }

  older(nextBefore: string): void {
    this.query.update(({ filters, cursors }) => ({ filters, cursors: [...cursors, nextBefore] }));
  }

  newer(): void {
    this.query.update(({ filters, cursors }) => ({ filters, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }));
  }
}
