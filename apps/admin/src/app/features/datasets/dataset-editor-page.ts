import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DatasetDefinition, DateOrder, FieldDefinition, LetterCase, MergePolicy, MetricsConfig } from '@sluice/contracts';
import { FIELD_TYPES } from '@sluice/contracts';
import { HttpErrorResponse } from '@angular/common/http';

import { DatasetsApiService, DatasetVersionSummary, MappingPreview } from '../../core/datasets-api.service';
import { describeHttpError } from '../../core/jobs-api.service';
import { choicesOf } from '../../shared/choices';
import { DefinitionProblem as Problem, DefinitionProblems } from '../../shared/definition-problems';
import { MappingTable } from '../../shared/mapping-table/mapping-table';
import { parseJson } from '../../shared/parse-json';
import { formatKeys, splitList, withDedupe, withFieldChange } from './dataset-draft';
import { DiffLine, lineDiff, withContext } from './line-diff';

const DATE_ORDERS = choicesOf<DateOrder>({ MDY: 'M/D/Y', DMY: 'D/M/Y' });
const LETTER_CASES = choicesOf<LetterCase>({ title: 'Title', lower: 'lower', upper: 'UPPER' });
const MERGE_POLICIES = choicesOf<MergePolicy>({ most_recent: 'from the latest file', most_complete: 'the most complete', first: 'the first seen' });

/** Edits a dataset's fields, matching and de-duplication; every save is a new version that can be compared and restored. */
@Component({
  selector: 'sl-dataset-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DefinitionProblems, MappingTable, RouterLink],
  templateUrl: './dataset-editor-page.html',
})
export class DatasetEditorPage {
  private readonly api = inject(DatasetsApiService);

  /** Bound from the route parameter. */
  readonly name = input.required<string>();

  readonly fieldTypes = FIELD_TYPES;
  readonly dateOrders = DATE_ORDERS;
  readonly letterCases = LETTER_CASES;
  readonly mergePolicies = MERGE_POLICIES;
  readonly draft = signal<DatasetDefinition | null>(null);
  readonly currentVersion = signal<number | null>(null);
  readonly keysText = signal('');
  readonly policy = signal<MergePolicy>('most_recent');
  /** Metrics are edited as JSON: their shape (ratios of other metrics) suits a form poorly. */
  readonly metricsText = signal('');
  readonly versions = signal<DatasetVersionSummary[]>([]);
  readonly problems = signal<Problem[]>([]);
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly saving = signal(false);
  readonly diff = signal<{ version: number; lines: DiffLine[] } | null>(null);
  readonly previewHeaders = signal('');
  readonly preview = signal<MappingPreview | null>(null);
  readonly formatKeys = formatKeys;

  constructor() {
    effect(() => this.load(this.name()));
  }

  /** `announce` is shown only once the form holds what was loaded, so a message never describes a form still showing the old version. */
  load(name: string, announce?: string): void {
    this.api.get(name).subscribe({
      next: ({ version, definition }) => {
        this.draft.set(definition);
        this.currentVersion.set(version);
        this.keysText.set(formatKeys(definition.dedupe?.keys));
        this.policy.set(definition.dedupe?.policy ?? 'most_recent');
        this.metricsText.set(definition.metrics ? JSON.stringify(definition.metrics, null, 2) : '');
        if (announce) this.message.set(announce);
      },
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
    this.api.versions(name).subscribe({ next: (versions) => this.versions.set(versions), error: () => this.versions.set([]) });
  }

  update(change: Partial<DatasetDefinition>): void {
    this.draft.update((d) => (d ? { ...d, ...change } : d));
  }

  updateField(index: number, key: keyof FieldDefinition, value: unknown): void {
    this.draft.update((d) => (d ? { ...d, fields: d.fields.map((f, i) => (i === index ? withFieldChange(f, key, value) : f)) } : d));
  }

  addField(): void {
    this.draft.update((d) => (d ? { ...d, fields: [...d.fields, { name: '', type: 'string', required: false }] } : d));
  }

  removeField(index: number): void {
    this.draft.update((d) => (d ? { ...d, fields: d.fields.filter((_, i) => i !== index) } : d));
  }

  synonymsOf(field: FieldDefinition): string {
    return (field.synonyms ?? []).join(', ');
  }

  setSynonyms(index: number, text: string): void {
    this.updateField(index, 'synonyms', splitList(text));
  }

  setDerive(index: number, text: string): void {
    this.updateField(index, 'deriveDomainFrom', splitList(text));
  }

  /** Saves the draft as the next version; the API's problems are shown next to the form, by path. */
  save(): void {
    const draft = this.draft();
    if (!draft) return;
    this.problems.set([]);
    this.message.set(null);
    this.error.set(null);
    const metrics = this.parsedMetrics();
    if (metrics === false) return;
    const { metrics: _previous, ...rest } = withDedupe(draft, this.keysText(), this.policy());
    const definition: DatasetDefinition = metrics ? { ...rest, metrics } : rest;
    this.saving.set(true);
    this.api.save(this.name(), definition).subscribe({
      next: ({ version }) => {
        this.saving.set(false);
        this.load(this.name(), version === this.currentVersion() ? 'No changes: still version ' + version : `Saved as version ${version}`);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const problems = error instanceof HttpErrorResponse ? (error.error as { problems?: Problem[] } | null)?.problems : undefined;
        if (problems?.length) this.problems.set(problems);
        else this.error.set(describeHttpError(error));
      },
    });
  }

  /** The metrics as written, undefined for none, or false (with the reason shown) when the text is not JSON. */
  private parsedMetrics(): MetricsConfig | undefined | false {
    const text = this.metricsText().trim();
    if (!text) return undefined;
    const parsed = parseJson(text);
    if (parsed.ok) return parsed.value as MetricsConfig;
    this.problems.set([{ path: 'metrics', message: `is not valid JSON: ${parsed.reason}` }]);
    return false;
  }

  restore(version: number): void {
    this.api.restore(this.name(), version).subscribe({
      next: ({ version: restoredAs }) => {
        this.diff.set(null);
        this.load(this.name(), `Version ${version} restored as version ${restoredAs}`);
      },
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }

  /** What changed from an old version to the current one. */
  compare(version: number): void {
    const current = this.currentVersion();
    if (current === null) return;
    this.api.version(this.name(), version).subscribe({
      next: (old) =>
        this.api
          .version(this.name(), current)
          .subscribe((now) => this.diff.set({ version, lines: withContext(lineDiff(JSON.stringify(old.definition, null, 2), JSON.stringify(now.definition, null, 2))) })),
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }

  runPreview(): void {
    this.api.preview(this.name(), splitList(this.previewHeaders())).subscribe({
      next: (preview) => this.preview.set(preview),
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }
}
