import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { debounceTime, merge, Observable, share, startWith, Subject, switchMap, take } from 'rxjs';

import { JobEventsService } from '../../core/job-events.service';
import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';
import { ScheduleChange, SchedulesApiService, ScheduleView } from '../../core/schedules-api.service';
import { SessionService } from '../../core/session.service';
import { LoadStatus } from '../../shared/load-status';
import { asLoaded, Loaded } from '../../shared/loaded';
import { StatusChip } from '../../shared/status-chip';

export const DEFAULT_CRON = '0 6 * * 1';

/**
 * Inbox schedules: each run takes every CSV dropped under the schedule's prefix into one job.
 * The list follows job changes, so a run started here shows up without a reload.
 */
@Component({
  selector: 'sl-schedules-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStatus, RouterLink, StatusChip],
  templateUrl: './schedules-page.html',
})
export class SchedulesPage {
  private readonly api = inject(SchedulesApiService);
  readonly session = inject(SessionService);
  private readonly jobs = inject(JobsApiService);
  private readonly events = inject(JobEventsService);
  private readonly refresh$ = new Subject<void>();

  readonly sources = toSignal(this.jobs.listSources(), { initialValue: { datasets: [], pipelines: [] } });

  private readonly list$ = merge(this.refresh$, this.events.changes$.pipe(debounceTime(300))).pipe(
    startWith(null),
    switchMap(() => asLoaded(this.api.list())),
    share(),
  );

  readonly state = toSignal(this.list$, { initialValue: { value: null, error: null } as Loaded<ScheduleView[]> });

  readonly source = signal('');
  readonly cron = signal(DEFAULT_CRON);
  readonly timeZone = signal('UTC');
  readonly id = signal('');
  readonly busy = signal(false);
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  /** The schedule whose timing is being changed, with what has been typed so far. */
  readonly editing = signal<{ id: string; cron: string; timeZone: string } | null>(null);
  /** The schedule whose delete waits for a second click. */
  readonly confirmingDelete = signal<string | null>(null);

  create(): void {
    const source = this.source();
    if (!source) {
      this.error.set('Choose the dataset or pipeline whose files the inbox collects');
      return;
    }
    const id = this.id().trim();
    this.run(this.api.create({ source, cron: this.cron().trim() || undefined, timeZone: this.timeZone().trim() || undefined, ...(id ? { id } : {}) }), (created) => {
      this.id.set('');
      return `Schedule ${created.id} created: drop CSV files under ${created.prefix}`;
    });
  }

  setPaused(schedule: ScheduleView, paused: boolean): void {
    this.change(schedule.id, { paused }, paused ? `Schedule ${schedule.id} paused` : `Schedule ${schedule.id} resumed`);
  }

  change(id: string, change: ScheduleChange, done: string): void {
    this.run(this.api.update(id, change), () => done);
  }

  editTiming(change: Partial<{ cron: string; timeZone: string }>): void {
    this.editing.update((timing) => timing && { ...timing, ...change });
  }

  /** Temporal takes the new timing in one update; the row shows the next run it computes. */
  saveTiming(): void {
    const timing = this.editing();
    if (!timing) return;
    this.run(this.api.update(timing.id, { cron: timing.cron.trim(), timeZone: timing.timeZone.trim() }), (updated) => {
      this.editing.set(null);
      return `Schedule ${updated.id} now runs at "${updated.cron}" in ${updated.timeZone}`;
    });
  }

  trigger(schedule: ScheduleView): void {
    this.run(this.api.trigger(schedule.id), () => `Schedule ${schedule.id} started: its job appears below and on the Jobs page`);
  }

  remove(schedule: ScheduleView): void {
    if (this.confirmingDelete() !== schedule.id) {
      this.confirmingDelete.set(schedule.id);
      return;
    }
    this.confirmingDelete.set(null);
    this.run(this.api.remove(schedule.id), () => `Schedule ${schedule.id} deleted; files still waiting stay in ${schedule.prefix}`);
  }

  /**
   * One request at a time. Its outcome is announced once the list has been read again, so the
   * announcement never stands next to a row that says otherwise (a deleted schedule still listed).
   */
  private run<T>(request: Observable<T>, describe: (result: T) => string): void {
    this.busy.set(true);
    this.message.set(null);
    this.error.set(null);
    request.subscribe({
      next: (result) => {
        const announcement = describe(result);
        // switchMap drops any read already under way, so the next list is read after this change.
        this.list$.pipe(take(1)).subscribe(() => {
          this.busy.set(false);
          this.message.set(announcement);
        });
        this.refresh$.next();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeHttpError(error));
      },
    });
  }
}
