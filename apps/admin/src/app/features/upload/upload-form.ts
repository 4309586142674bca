import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { ACCEPTED_FILE_INPUT, ACCEPTED_FILE_NAMES, CsvDelimiter, isAcceptedFileName, ProcessingMode, RATE_LIMIT_PRESETS, WebhookTestResult } from '@sluice/contracts';
import { catchError, from, map, Observable, of, switchMap } from 'rxjs';

import { DatasetsApiService, readingFormFields } from '../../core/datasets-api.service';
import { describeHttpError, JobsApiService, UploadSource } from '../../core/jobs-api.service';
import { choicesOf } from '../../shared/choices';
import { ColumnFieldChange, MappingTable } from '../../shared/mapping-table/mapping-table';
import { ReadingReport } from '../../shared/mapping-table/reading-report';
import { ENCODINGS, MappingCheck } from './mapping-check';

/** Same limit as the API's default; the API has the final word. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;
/** The choice that detects the dataset from the first file's header row. */
export const DETECT = 'detect';
const HEADER_SAMPLE_BYTES = 64 * 1024;

@Component({
  selector: 'sl-upload-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MappingTable, ReadingReport],
  templateUrl: './upload-form.html',
})
export class UploadForm {
  readonly acceptedFiles = ACCEPTED_FILE_INPUT;
  private readonly api = inject(JobsApiService);
  private readonly router = inject(Router);
  /** The "Check mapping" step: how the first file would be read and mapped, with the person's corrections. */
  readonly check = new MappingCheck(inject(DatasetsApiService));
  /** The dataset chosen, when one is (the mapping can be checked only against a dataset). */
  readonly chosenDataset = computed(() => {
    const [kind, name] = this.source().split(':');
    return kind === 'dataset' ? name : null;
  });

  readonly uploaded = output<string>();
  readonly datasets = toSignal(this.api.listDatasets().pipe(catchError(() => of([]))), { initialValue: [] });
  readonly pipelines = toSignal(this.api.listPipelines().pipe(catchError(() => of([]))), { initialValue: [] });
  /** "dataset:<name>", "pipeline:<name>" or "detect". */
  readonly source = signal('dataset:sensor_readings');
  readonly detected = signal<string | null>(null);
  readonly files = signal<File[]>([]);
  readonly dragging = signal(false);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly modes = choicesOf<ProcessingMode>({ download: 'offer downloads', webhook: 'deliver each record to a webhook' });
  readonly mode = signal<ProcessingMode>('download');
  readonly webhookUrl = signal('');
  readonly rateLimit = signal('10');
  readonly ratePresets = RATE_LIMIT_PRESETS.map((rate) => (rate === null ? 'unlimited' : String(rate)));
  readonly testResult = signal<WebhookTestResult | null>(null);
  readonly DETECT = DETECT;
  readonly ENCODINGS = ENCODINGS;
  readonly DELIMITERS = choicesOf<CsvDelimiter>({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' });

  /** Sends one signed sample record, so a wrong URL shows before any job runs. */
  testWebhook(): void {
    this.testResult.set(null);
    this.error.set(null);
    this.api.testWebhook(this.webhookUrl().trim()).subscribe({
      next: (result) => this.testResult.set(result),
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }

  pickFiles(list: FileList | null | undefined): void {
    const files = Array.from(list ?? []);
    const problem = files.map(checkFile).find((p) => p !== null) ?? null;
    this.error.set(problem);
    this.detected.set(null);
    this.files.set(problem ? [] : files);
    this.check.reset();
  }

  chooseSource(value: string): void {
    this.source.set(value);
    this.check.reset();
  }

  checkMapping(): void {
    const dataset = this.chosenDataset();
    const [file] = this.files();
    if (dataset && file) this.check.start(dataset, file);
  }

  changeField(change: ColumnFieldChange): void {
    this.check.changeField(change);
  }

  drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.pickFiles(event.dataTransfer?.files);
  }

  dragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
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
    const dataset = this.chosenDataset();
    this.resolveSource()
      .pipe(
        // Remembered corrections become synonyms (a new dataset version) before the job reads the files with it.
        switchMap((source) => (dataset ? this.check.saveRemembered(dataset) : of(null)).pipe(map(() => source))),
        switchMap((source) => this.api.upload(source, this.files(), webhook, readingFormFields(this.check.options()))),
      )
      .subscribe({
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

  /** The chosen source; "detect" asks the API which dataset the first file's header row belongs to. */
  private resolveSource(): Observable<UploadSource> {
    const [kind, name] = this.source().split(':');
    if (kind === 'pipeline') return of({ pipeline: name });
    if (kind === 'dataset') return of({ dataset: name });
    return from(readText(this.files()[0].slice(0, HEADER_SAMPLE_BYTES))).pipe(
      switchMap((sample) => this.api.detectDataset(sample)),
      map(({ dataset }) => {
        this.detected.set(dataset);
        return { dataset };
      }),
    );
  }
}

/** The text of a blob; FileReader works in every browser and test DOM. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(blob);
  });
}

export function checkFile(file: File): string | null {
  if (!isAcceptedFileName(file.name)) return `"${file.name}" is not a file Sluice reads: expected ${ACCEPTED_FILE_NAMES}`;
  if (file.size > MAX_FILE_BYTES) return `"${file.name}" is larger than 2 GB`;
  if (file.size === 0) return `"${file.name}" is empty`;
  return null;
}
