import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { JOB_STATUSES, JobSummaryView, Paginated, RUNNING_JOB_STATUSES } from '@sluice/contracts';
import { catchError, debounceTime, map, merge, of, startWith, switchMap, timer } from 'rxjs';

import { JobEventsService } from '../../core/job-events.service';
import { describeHttpError, JobFilters, JobsApiService } from '../../core/jobs-api.service';
import { SessionService } from '../../core/session.service';
import { formatDuration } from '../../shared/format';
import { StatusChip } from '../../shared/status-chip';
import { UploadForm } from '../upload/upload-form';

/** Pushed changes drive the list; this slow poll only covers a stream a proxy cut. */
export const JOBS_FALLBACK_REFRESH_MS = 30_000;

type JobsState = { page: Paginated<JobSummaryView> | null; error: string | null };

@Component({
  selector: 'sl-jobs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, StatusChip, UploadForm],
  templateUrl: './jobs-page.html',
})
export class JobsPage {
  private readonly api = inject(JobsApiService);
  readonly session = inject(SessionService);
  private readonly events = inject(JobEventsService);

  readonly pageSize = 20;
  readonly statuses = JOB_STATUSES;
  readonly pageNumber = signal(1);
  readonly filters = signal<JobFilters>({});
  /** Every source a job can belong to: datasets and pipelines. */
  readonly sources = toSignal(this.api.listSources().pipe(map(({ datasets, pipelines }) => [...datasets, ...pipelines].map((s) => s.name).sort())), {
    initialValue: [] as string[],
  });
  readonly formatDuration = formatDuration;
  readonly isRunning = (job: JobSummaryView) => RUNNING_JOB_STATUSES.includes(job.status);

  private readonly query = computed(() => ({ page: this.pageNumber(), filters: this.filters() }));

  readonly state = toSignal(
    toObservable(this.query).pipe(
      switchMap(({ page, filters }) =>
        merge(this.events.changes$.pipe(debounceTime(200)), timer(JOBS_FALLBACK_REFRESH_MS, JOBS_FALLBACK_REFRESH_MS)).pipe(
          startWith(null),
          switchMap(() =>
            this.api.listJobs(page, this.pageSize, filters).pipe(
              map((result): JobsState => ({ page: result, error: null })),
              catchError((error: unknown) => of<JobsState>({ page: null, error: describeHttpError(error) })),
            ),
          ),
        ),
      ),
    ),
    { initialValue: { page: null, error: null } as JobsState },
  );

  filter(key: keyof JobFilters, value: string): void {
    this.filters.update((current) => ({ ...current, [key]: value }));
    this.pageNumber.set(1);
  }

  lastPage(page: Paginated<JobSummaryView>): number {
    return Math.max(1, Math.ceil(page.total / page.pageSize));
  }

  go(page: number): void {
    this.pageNumber.set(page);
  }
}
