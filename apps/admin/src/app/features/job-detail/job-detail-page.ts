import { DatePipe, DecimalPipe, KeyValuePipe } from '@angular/common';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { JobDetailView } from '@sluice/contracts';
import { ACTIVE_DELIVERY_STATES, RUNNING_JOB_STATUSES } from '@sluice/contracts';
import { catchError, filter, map, merge, of, switchMap, takeWhile, timer } from 'rxjs';

import { concerns, JobEventsService } from '../../core/job-events.service';
import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';
import { SessionService } from '../../core/session.service';
import { formatBytes, formatDuration } from '../../shared/format';
import { MappingTable } from '../../shared/mapping-table/mapping-table';
import { ReadingReport } from '../../shared/mapping-table/reading-report';
import { StatusChip } from '../../shared/status-chip';
import { groupCounts, hasMergesToReview } from '../merge-review/merge-counts';
import { DeliveryPanel } from './delivery-panel';
import { InvalidRowsTable } from './invalid-rows-table';

const ASKED_POLL_MS = 5000;

/** Worth polling: processing, or records still on their way to a webhook. */
const isActive = (job: JobDetailView) => RUNNING_JOB_STATUSES.includes(job.status) || (job.delivery !== null && ACTIVE_DELIVERY_STATES.includes(job.delivery.state));

type DetailState = { job: JobDetailView | null; error: string | null };

@Component({
  selector: 'sl-job-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, KeyValuePipe, RouterLink, StatusChip, DeliveryPanel, InvalidRowsTable, MappingTable, ReadingReport],
  templateUrl: './job-detail-page.html',
})
export class JobDetailPage {
  private readonly api = inject(JobsApiService);
  readonly session = inject(SessionService);
  private readonly events = inject(JobEventsService);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private announcedStatus: string | null = null;

  /** Bound from the route parameter. */
  readonly id = input.required<string>();
  readonly formatDuration = formatDuration;
  readonly formatBytes = formatBytes;
  readonly groupCounts = groupCounts;
  readonly hasMergesToReview = hasMergesToReview;

  /** Bumped when the page asks something of the job (a rate change, a replay), to poll again. */
  readonly refresh = signal(0);
  private askedAt = 0;

  /** Polls again, for at least a few seconds: the workflow takes the request up asynchronously. */
  asked(): void {
    this.askedAt = Date.now();
    this.refresh.update((n) => n + 1);
  }

  constructor() {
    // Screen readers hear the job change status (processing → processed) without moving focus.
    effect(() => {
      const status = this.state().job?.status ?? null;
      if (status && this.announcedStatus !== null && status !== this.announcedStatus) void this.announcer.announce(`Job ${status}`);
      if (status) this.announcedStatus = status;
    });
  }

  readonly rerunError = signal<string | null>(null);
  readonly rerunning = signal(false);

  /** Starts the job again from its stored files as a new job, and opens that one. */
  rerun(id: string): void {
    this.rerunning.set(true);
    this.rerunError.set(null);
    this.api.rerun(id).subscribe({
      next: ({ jobId }) => {
        this.rerunning.set(false);
        void this.router.navigate(['/jobs', jobId]);
      },
      error: (error: unknown) => {
        this.rerunning.set(false);
        this.rerunError.set(describeHttpError(error));
      },
    });
  }

  // Polls each second while the job runs or delivers; besides, every change the API pushes for this job
  // (a replay, expiry) loads it again.
  readonly state = toSignal(
    toObservable(computed(() => ({ id: this.id(), refresh: this.refresh() }))).pipe(
      switchMap(({ id }) =>
        merge(
          timer(0, 1000).pipe(
            switchMap(() => this.api.getJob(id)),
            takeWhile((job) => isActive(job) || Date.now() - this.askedAt < ASKED_POLL_MS, true),
          ),
          this.events.changes$.pipe(
            filter((changes) => concerns(changes, id)),
            switchMap(() => this.api.getJob(id)),
          ),
        ).pipe(
          map((job): DetailState => ({ job, error: null })),
          catchError((error: unknown) => of<DetailState>({ job: null, error: describeHttpError(error) })),
        ),
      ),
    ),
    { initialValue: { job: null, error: null } as DetailState },
  );
}
