import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { CorrectMergeResult, JobDetailView, MergeCorrection, MergeCorrectionView, MergeGroupOrder, RecordRef } from '@sluice/contracts';
import { debounceTime, EMPTY, filter, map, merge, Observable, OperatorFunction, scan, switchMap, takeWhile, timer } from 'rxjs';

import { concerns, JobEventsService } from '../../core/job-events.service';
import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';
import { SessionService } from '../../core/session.service';
import { asLoaded, Loaded } from '../../shared/loaded';
import { describeCorrection } from './describe-correction';
import { MergeGroupCard } from './merge-group-card';
import { groupCounts } from './merge-counts';
import { MergeGroupsPage, MergeGroupsQuery, MergesApiService } from './merges-api.service';

export const MERGE_GROUPS_PAGE_SIZE = 20;
/** While a rebuild is awaited the page reads the job again this often, besides the changes the API pushes. */
export const REBUILD_POLL_MS = 1000;
/** After this long without the new output version the page stops polling and says so (pushed changes still count). */
export const REBUILD_PATIENCE_MS = 120_000;

export const ORDER_CHOICES: { value: MergeGroupOrder; label: string }[] = [
  { value: 'review', label: 'Needs review first (flagged, least certain, largest)' },
  { value: 'size', label: 'Largest first' },
  { value: 'certainty', label: 'Least certain first' },
];

/** A correction the API took: the output version that will hold it, and what to say once it does. */
interface PendingRebuild {
  version: number;
  done: string;
}

type ListQuery = Omit<MergeGroupsQuery, 'pageSize'>;

const loading = <T>(): Loaded<T> => ({ value: null, error: null });

/**
 * A read that fails after one succeeded keeps what is shown, with the API's message above it: another
 * reviewer's rebuild may make the API refuse for a moment (409). While a rebuild of this page's own
 * correction is awaited such refusals are expected, and not shown at all.
 */
function keepShown<T>(expectRefusals: () => boolean): OperatorFunction<Loaded<T>, Loaded<T>> {
  return scan((shown: Loaded<T>, next: Loaded<T>) => (next.error === null ? next : { value: shown.value, error: expectRefusals() && shown.value !== null ? null : next.error }));
}

/**
 * A job's merge groups for review, largest and least certain first, with the corrections made to them.
 * Splitting or joining keeps a correction with the job and rebuilds its output as a new version; the page
 * waits for that version (pushed job changes, and a poll meanwhile), then reads the groups again.
 */
@Component({
  selector: 'sl-merge-review-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, RouterLink, MergeGroupCard],
  templateUrl: './merge-review-page.html',
})
export class MergeReviewPage {
  private readonly api = inject(MergesApiService);
  private readonly jobs = inject(JobsApiService);
  private readonly events = inject(JobEventsService);
  readonly session = inject(SessionService);

  /** Bound from the route parameter. */
  readonly id = input.required<string>();
  readonly orders = ORDER_CHOICES;
  readonly groupCounts = groupCounts;
  readonly query = signal<ListQuery>({ page: 1, order: 'review', flaggedOnly: false });

  /** Bumped by each change the API pushes for this job, and by the poll while a rebuild is awaited: everything is read again. */
  private readonly reads = signal(0);
  readonly pending = signal<PendingRebuild | null>(null);
  readonly busy = signal(false);
  /** Corrections wait while one is being sent or a rebuild runs (the API would refuse them with a 409). */
  readonly blocked = computed(() => this.busy() || this.pending() !== null);
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  /** Groups ticked for joining, by cluster id, each with one of its records to name it by. */
  readonly joinSelection = signal<ReadonlyMap<string, RecordRef>>(new Map());

  private readonly readKey = computed(() => ({ id: this.id(), reads: this.reads() }));

  private readonly awaitingRebuild = () => this.pending() !== null;

  readonly job = toSignal(
    toObservable(this.readKey).pipe(
      switchMap(({ id }) => asLoaded(this.jobs.getJob(id))),
      keepShown(this.awaitingRebuild),
    ),
    { initialValue: loading<JobDetailView>() },
  );

  readonly listing = toSignal(
    toObservable(computed(() => ({ ...this.readKey(), query: this.query() }))).pipe(
      switchMap(({ id, query }) => asLoaded(this.api.listGroups(id, { ...query, pageSize: MERGE_GROUPS_PAGE_SIZE }))),
      keepShown(this.awaitingRebuild),
    ),
    { initialValue: loading<MergeGroupsPage>() },
  );

  readonly corrections = toSignal(
    toObservable(this.readKey).pipe(
      switchMap(({ id }) => asLoaded(this.api.listCorrections(id))),
      keepShown(this.awaitingRebuild),
    ),
    { initialValue: loading<MergeCorrectionView[]>() },
  );

  /** The output version the groups shown come from. */
  readonly shownVersion = computed(() => this.listing().value?.outputVersion ?? null);
  /** The job's files in upload order, which is how a correction's records count them. */
  readonly fileNames = computed(() => this.job().value?.files.map((file) => file.fileName) ?? []);
  readonly lastPage = computed(() => {
    const shown = this.listing().value;
    return shown ? Math.max(1, Math.ceil(shown.total / shown.pageSize)) : 1;
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => this.events.changes$.pipe(filter((changes) => concerns(changes, id)))),
        debounceTime(200),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.readAgain());

    toObservable(this.pending)
      .pipe(
        switchMap((pending) =>
          pending === null
            ? EMPTY
            : merge(timer(REBUILD_POLL_MS, REBUILD_POLL_MS).pipe(map(() => false)), timer(REBUILD_PATIENCE_MS).pipe(map(() => true))).pipe(
                takeWhile((outOfPatience) => !outOfPatience, true),
              ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((outOfPatience) => (outOfPatience ? this.stopWaiting() : this.readAgain()));

    // The rebuild is done once the groups come from its output version.
    effect(() => {
      const pending = this.pending();
      const version = this.shownVersion();
      if (pending === null || version === null || version < pending.version) return;
      untracked(() => {
        this.pending.set(null);
        this.message.set(`${pending.done}. Output version ${version} is ready.`);
      });
    });

    // Cluster ids hold within one output version only: a choice made in the last one means nothing now.
    let selectedIn: number | null = null;
    effect(() => {
      const version = this.shownVersion();
      if (version === null || version === selectedIn) return;
      if (selectedIn !== null) untracked(() => this.joinSelection.set(new Map()));
      selectedIn = version;
    });
  }

  setOrder(order: MergeGroupOrder): void {
    this.query.update((query) => ({ ...query, order, page: 1 }));
  }

  setFlaggedOnly(flaggedOnly: boolean): void {
    this.query.update((query) => ({ ...query, flaggedOnly, page: 1 }));
  }

  go(page: number): void {
    this.query.update((query) => ({ ...query, page }));
  }

  toggleJoin(clusterId: string, record: RecordRef, selected: boolean): void {
    this.joinSelection.update((groups) => {
      const next = new Map(groups);
      if (selected) next.set(clusterId, { file: record.file, line: record.line });
      else next.delete(clusterId);
      return next;
    });
  }

  split(records: RecordRef[]): void {
    this.send({ kind: 'split', records });
  }

  join(): void {
    const records = [...this.joinSelection().values()];
    if (records.length < 2) {
      this.error.set('Select at least two groups to join');
      return;
    }
    this.send({ kind: 'join', records });
  }

  undo(correction: MergeCorrectionView): void {
    this.submit(this.api.undo(this.id(), correction.id), `Undid “${this.describe(correction.correction)}”`);
  }

  describe(correction: MergeCorrection): string {
    return describeCorrection(correction, this.fileNames());
  }

  private send(correction: MergeCorrection): void {
    this.submit(this.api.correct(this.id(), correction), this.describe(correction));
  }

  /** Sends a correction or its undo; once the API took it, waits for the output version that holds it. */
  private submit(request: Observable<CorrectMergeResult>, done: string): void {
    const shownVersion = this.shownVersion() ?? this.job().value?.outputVersion ?? 1;
    this.busy.set(true);
    this.error.set(null);
    this.message.set(null);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        // The answer names the version being built; an API that named the current one still means the next.
        this.pending.set({ version: Math.max(result.outputVersion, shownVersion + 1), done });
        this.readAgain();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeHttpError(error));
      },
    });
  }

  private stopWaiting(): void {
    const pending = this.pending();
    this.pending.set(null);
    if (pending) this.error.set(`Output version ${pending.version} is not ready after ${REBUILD_PATIENCE_MS / 60_000} minutes; this page shows it as soon as it is.`);
  }

  private readAgain(): void {
    this.reads.update((n) => n + 1);
  }
}
