import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { catchError, of } from 'rxjs';

import { RATE_LIMIT_PRESETS, WebhookTestResult } from '@sluice/contracts';

import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';

/** Same limit as the API's default; the API has the final word. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

@Component({
  selector: 'sl-upload-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './upload-form.html',
})
export class UploadForm {
  private readonly api = inject(JobsApiService);
  private readonly router = inject(Router);

  readonly uploaded = output<string>();
  readonly datasets = toSignal(this.api.listDatasets().pipe(catchError(() => of([]))), { initialValue: [] });
  readonly dataset = signal('sensor_readings');
  readonly files = signal<File[]>([]);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly mode = signal<'download' | 'webhook'>('download');
  readonly webhookUrl = signal('');
  readonly rateLimit = signal('10');
  readonly ratePresets = RATE_LIMIT_PRESETS.map((rate) => (rate === null ? 'unlimited' : String(rate)));
  readonly testResult = signal<WebhookTestResult | null>(null);

  /** Sends one signed sample record, so a wrong URL shows before any job runs. */
  testWebhook(): void {
    this.testResult.set(null);
    this.error.set(null);
    this.api.testWebhook(this.webhookUrl().trim()).subscribe({
      next: (result) => this.testResult.set(result),
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }

  pickFiles(list: FileList | null): void {
    const files = Array.from(list ?? []);
    const problem = files.map(checkFile).find((p) => p !== null) ?? null;
    this.error.set(problem);
    this.files.set(problem ? [] : files);
  }

  submit(): void {
    if (this.files().length === 0) {
      this.error.set('Choose one or more CSV files');
      return;
    }
    const webhook = this.mode() === 'webhook' ? { webhookUrl: this.webhookUrl().trim(), rateLimit: this.rateLimit() } : null;
    if (webhook && !webhook.webhookUrl) {
      this.error.set('Enter the webhook URL that should receive the records');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.upload(this.dataset(), this.files(), webhook).subscribe({
      next: ({ jobId }) => {
        this.busy.set(false);
        this.uploaded.emit(jobId);
        void this.router.navigate(['/jobs', jobId]);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeHttpError(error));
      },
    });
  }
}

export function checkFile(file: File): string | null {
  if (!/\.csv$/i.test(file.name)) return `"${file.name}" is not a .csv file`;
  if (file.size > MAX_FILE_BYTES) return `"${file.name}" is larger than 20 MB`;
  return null;
}
