import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { JobSummaryView, Paginated } from '@sluice/contracts';
import { catchError, map, of, switchMap, timer } from 'rxjs';

import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';
import { formatDuration } from '../../shared/format';
import { StatusChip } from '../../shared/status-chip';
import { UploadForm } from '../upload/upload-form';

/** How often the list refreshes; a later issue replaces polling with server-sent events. */
export const JOBS_REFRESH_MS = 2000;

type JobsState = { page: Paginated<JobSummaryView> | null; error: string | null };

@Component({
  selector: 'sl-jobs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, StatusChip, UploadForm],
  templateUrl: './jobs-page.html',
})
export class JobsPage {
  private readonly api = inject(JobsApiService);

  readonly pageSize = 20;
  readonly pageNumber = signal(1);
  readonly formatDuration = formatDuration;

  readonly state = toSignal(
    toObservable(this.pageNumber).pipe(
      switchMap((page) =>
        timer(0, JOBS_REFRESH_MS).pipe(
          switchMap(() =>
            this.api.listJobs(page, this.pageSize).pipe(
              map((result): JobsState => ({ page: result, error: null })),
              catchError((error: unknown) => of<JobsState>({ page: null, error: describeHttpError(error) })),
            ),
          ),
        ),
      ),
    ),
    { initialValue: { page: null, error: null } as JobsState },
  );

  lastPage(page: Paginated<JobSummaryView>): number {
    return Math.max(1, Math.ceil(page.total / page.pageSize));
  }

  go(page: number): void {
    this.pageNumber.set(page);
  }
}
