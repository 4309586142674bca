import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { DeliveryView, FailedDeliveryView, RATE_LIMIT_PRESETS } from '@sluice/contracts';
import { catchError, distinctUntilChanged, map, of, switchMap } from 'rxjs';

import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';

const FAILED_SHOWN = 50;

/** A webhook job's delivery: progress, configured and measured rate, the failed list and the live controls. */
@Component({
  selector: 'sl-delivery-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe],
  templateUrl: './delivery-panel.html',
})
export class DeliveryPanel {
  private readonly api = inject(JobsApiService);

  readonly jobId = input.required<string>();
  readonly delivery = input.required<DeliveryView>();
  readonly expired = input(false);
  /** Something was asked of the job; the page polls again. */
  readonly changed = output<void>();

  readonly ratePresets = RATE_LIMIT_PRESETS;
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly percent = computed(() => {
    const { total, delivered, failed } = this.delivery();
    return total === 0 ? 0 : Math.round(((delivered + failed) / total) * 100);
  });

  // Re-read whenever the failed count changes (new failures, or a replay that cleared some).
  readonly failed = toSignal(
    toObservable(computed(() => `${this.jobId()}:${this.delivery().failed}`)).pipe(
      distinctUntilChanged(),
      switchMap(() =>
        this.delivery().failed === 0
          ? of<FailedDeliveryView[]>([])
          : this.api.listFailedDeliveries(this.jobId(), 1, FAILED_SHOWN).pipe(
              map((page) => page.items),
              catchError(() => of<FailedDeliveryView[]>([])),
            ),
      ),
    ),
    { initialValue: [] as FailedDeliveryView[] },
  );

  rateLabel(rate: number | null): string {
    return rate === null ? 'unlimited' : `${rate}/s`;
  }

  changeRate(value: string): void {
    const rateLimit = value === 'unlimited' ? null : Number(value);
    this.error.set(null);
    this.api.setDeliveryRate(this.jobId(), rateLimit).subscribe({
      next: () => {
        this.message.set(`Rate changed to ${this.rateLabel(rateLimit)}`);
        this.changed.emit();
      },
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }

  retryFailed(): void {
    this.error.set(null);
    this.api.retryFailedDeliveries(this.jobId()).subscribe({
      next: ({ queued }) => {
        this.message.set(`Retrying ${queued} failed ${queued === 1 ? 'delivery' : 'deliveries'}`);
        this.changed.emit();
      },
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }
}
