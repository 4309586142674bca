import { DatePipe, DecimalPipe, KeyValuePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { JobDetailView } from '@sluice/contracts';
import { catchError, map, of, switchMap, takeWhile, timer } from 'rxjs';

import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';
import { formatBytes, formatDuration } from '../../shared/format';
import { StatusChip } from '../../shared/status-chip';

const RUNNING = new Set(['waiting', 'processing']);

type DetailState = { job: JobDetailView | null; error: string | null };

@Component({
  selector: 'sl-job-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, KeyValuePipe, RouterLink, StatusChip],
  templateUrl: './job-detail-page.html',
})
export class JobDetailPage {
  private readonly api = inject(JobsApiService);

  /** Bound from the route parameter. */
  readonly id = input.required<string>();
  readonly formatDuration = formatDuration;
  readonly formatBytes = formatBytes;

  // Polls while the job runs, then stops: a finished job only changes again when it expires.
  readonly state = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        timer(0, 1000).pipe(
          switchMap(() => this.api.getJob(id)),
          takeWhile((job) => RUNNING.has(job.status), true),
          map((job): DetailState => ({ job, error: null })),
          catchError((error: unknown) => of<DetailState>({ job: null, error: describeHttpError(error) })),
        ),
      ),
    ),
    { initialValue: { job: null, error: null } as DetailState },
  );
}
