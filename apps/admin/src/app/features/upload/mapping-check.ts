import { computed, signal } from '@angular/core';
import type { CsvDelimiter, FilePreview, FileReadingOptions } from '@sluice/contracts';
import { forkJoin, map, Observable, of } from 'rxjs';

import { DatasetsApiService, HeaderSynonym } from '../../core/datasets-api.service';
import { describeHttpError } from '../../core/jobs-api.service';
import type { ColumnFieldChange } from '../../shared/mapping-table/mapping-table';

/** What of a CSV file the preview sends: the API reads no more of it, and one byte more tells it the file goes on. */
export const PREVIEW_BYTES = (1 << 20) + 1;

/** Reading settings the person can choose over what was detected. */
export interface ReadingChoice {
  encoding?: string;
  delimiter?: CsvDelimiter;
  headerLine?: number;
  sheet?: string;
}

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-15', 'shift_jis', 'gb18030', 'euc-kr'];

/** A workbook is a zip with its directory at the end: only the whole file can be read. */
const previewPart = (file: File): Blob => (/\.xlsx$/i.test(file.name) ? file : file.slice(0, PREVIEW_BYTES));

/**
 * The upload form's "Check mapping" step: previews the first file as the job would read it, takes the
 * person's reading settings and column corrections (re-previewing after each), and remembers the
 * corrections asked for as synonyms before the job starts.
 */
export class MappingCheck {
  readonly preview = signal<FilePreview | null>(null);
  readonly fields = signal<string[]>([]);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly reading = signal<ReadingChoice>({});
  /** Column header → the field the person chose. */
  readonly columnFields = signal<Record<string, string | null>>({});
  /** Column header → the field the mapping had chosen, for each corrected column. */
  readonly corrected = signal<Record<string, string | null>>({});
  /** Corrected columns whose header is to be saved as a synonym of its new field. */
  readonly remembered = signal<Set<string>>(new Set());
  readonly rememberedCount = computed(() => this.synonyms().length);
  private target: { dataset: string; file: File } | null = null;
  /** Answers to an older preview request are dropped: only the latest settings count. */
  private requests = 0;

  constructor(private readonly api: DatasetsApiService) {}

  /** What the launch sends about reading the files: nothing unless the mapping was checked. */
  options(): FileReadingOptions {
    if (!this.target) return {};
    const columnFields = this.columnFields();
    return { ...this.reading(), ...(Object.keys(columnFields).length ? { columnFields } : {}) };
  }

  reset(): void {
    this.target = null;
    this.requests += 1;
    this.busy.set(false);
    this.preview.set(null);
    this.error.set(null);
    this.reading.set({});
    this.columnFields.set({});
    this.corrected.set({});
    this.remembered.set(new Set());
  }

  start(dataset: string, file: File): void {
    this.reset();
    this.target = { dataset, file };
    this.busy.set(true);
    const request = ++this.requests;
    forkJoin([this.api.get(dataset), this.previewOf(this.target)]).subscribe({
      next: ([stored, preview]) => {
        this.fields.set(stored.definition.fields.map((f) => f.name));
        this.shown(request, preview);
      },
      error: (error: unknown) => this.failed(request, error),
    });
  }

  setReading<K extends keyof ReadingChoice>(key: K, value: ReadingChoice[K] | ''): void {
    const next = { ...this.reading() };
    if (value === '' || value === undefined || (typeof value === 'number' && !(value >= 1))) delete next[key];
    else next[key] = value;
    this.reading.set(next);
    this.refresh();
  }

  changeField({ header, field }: ColumnFieldChange): void {
    const column = this.preview()?.columns.find((c) => c.header === header);
    const corrected = { ...this.corrected() };
    const columnFields = { ...this.columnFields() };
    if (!(header in corrected)) corrected[header] = column?.field ?? null;
    if (corrected[header] === field) {
      // Back to what the mapping chose: no correction left.
      delete corrected[header];
      delete columnFields[header];
      this.remember(header, false);
    } else columnFields[header] = field;
    this.corrected.set(corrected);
    this.columnFields.set(columnFields);
    this.refresh();
  }

  remember(header: string, remember: boolean): void {
    const next = new Set(this.remembered());
    if (remember) next.add(header);
    else next.delete(header);
    this.remembered.set(next);
  }

  /** Saves the remembered corrections as synonyms (one new dataset version); nothing to save emits at once. */
  saveRemembered(dataset: string): Observable<unknown> {
    const synonyms = this.synonyms();
    if (!this.target || this.target.dataset !== dataset || synonyms.length === 0) return of(null);
    return this.api.addSynonyms(dataset, synonyms).pipe(map(() => (this.remembered.set(new Set()), null)));
  }

  private synonyms(): HeaderSynonym[] {
    const fields = this.columnFields();
    return [...this.remembered()].flatMap((header) => {
      const field = fields[header];
      return field ? [{ field, header }] : [];
    });
  }

  private refresh(): void {
    if (!this.target) return;
    this.busy.set(true);
    const request = ++this.requests;
    this.previewOf(this.target).subscribe({ next: (preview) => this.shown(request, preview), error: (error: unknown) => this.failed(request, error) });
  }

  private previewOf(target: { dataset: string; file: File }): Observable<FilePreview> {
    return this.api.previewFile(target.dataset, previewPart(target.file), target.file.name, this.options());
  }

  private shown(request: number, preview: FilePreview): void {
    if (request !== this.requests) return;
    this.busy.set(false);
    this.error.set(null);
    this.preview.set(preview);
  }

  private failed(request: number, error: unknown): void {
    if (request !== this.requests) return;
    this.busy.set(false);
    this.error.set(describeHttpError(error));
  }
}
