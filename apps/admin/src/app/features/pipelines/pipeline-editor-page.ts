import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { PipelineDefinition } from '@sluice/contracts';
import { Observable } from 'rxjs';

import { DatasetsApiService } from '../../core/datasets-api.service';
import { describeHttpError } from '../../core/jobs-api.service';
import { PipelinesApiService, StoredPipeline } from '../../core/pipelines-api.service';
import { DefinitionProblem as Problem, DefinitionProblems } from '../../shared/definition-problems';
import { parseJson } from '../../shared/parse-json';
import { describeJoins, pipelineTemplate } from './pipeline-summary';

/** The route parameter that opens an empty editor. */
export const NEW_PIPELINE = 'new';

/**
 * Edits a pipeline as JSON, with the API's check (joins, keys, columns, metrics against the current
 * datasets) listed by path. Saving replaces it; jobs already started keep the definition they began with.
 */
@Component({
  selector: 'sl-pipeline-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DefinitionProblems, RouterLink],
  templateUrl: './pipeline-editor-page.html',
})
export class PipelineEditorPage {
  private readonly api = inject(PipelinesApiService);
  private readonly datasets = inject(DatasetsApiService);
  private readonly router = inject(Router);

  /** Bound from the route parameter; `new` for a pipeline not saved yet. */
  readonly name = input.required<string>();

  readonly stored = signal<StoredPipeline | null>(null);
  readonly text = signal('');
  readonly problems = signal<Problem[]>([]);
  readonly message = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly confirmingDelete = signal(false);

  readonly isNew = computed(() => this.name() === NEW_PIPELINE);
  private readonly parsed = computed(() => parseJson(this.text()));
  readonly jsonError = computed(() => {
    const parsed = this.parsed();
    return parsed.ok ? null : `Not valid JSON: ${parsed.reason}`;
  });
  /** The joins in words, while the text is a pipeline-shaped object. */
  readonly summary = computed(() => {
    const parsed = this.parsed();
    const value = parsed.ok ? (parsed.value as Partial<PipelineDefinition> | null) : null;
    if (!value || typeof value.base !== 'string' || !Array.isArray(value.joins)) return null;
    try {
      return { base: value.base, joins: describeJoins(value as PipelineDefinition) };
    } catch {
      return null;
    }
  });

  constructor() {
    effect(() => this.load(this.name()));
  }

  load(name: string): void {
    this.problems.set([]);
    this.confirmingDelete.set(false);
    if (name === NEW_PIPELINE) {
      this.stored.set(null);
      this.text.set('');
      // The template never replaces what someone started typing while it loaded.
      const offer = (names: string[]) => {
        if (this.text() === '') this.text.set(JSON.stringify(pipelineTemplate(names), null, 2));
      };
      this.datasets.list().subscribe({ next: (datasets) => offer(datasets.map((d) => d.definition.name)), error: () => offer([]) });
      return;
    }
    this.api.get(name).subscribe({
      next: (stored) => {
        this.stored.set(stored);
        this.text.set(JSON.stringify(stored.definition, null, 2));
      },
      error: (error: unknown) => this.error.set(describeHttpError(error)),
    });
  }

  check(): void {
    const definition = this.definition();
    if (definition === undefined) return;
    this.request(this.api.check(definition), () => 'The definition fits the current datasets');
  }

  save(): void {
    const definition = this.definition();
    if (definition === undefined) return;
    const name = this.isNew() ? (definition as { name?: unknown }).name : this.name();
    if (typeof name !== 'string' || !name) {
      this.problems.set([{ path: 'name', message: 'is required: the pipeline is saved under it' }]);
      return;
    }
    this.request(this.api.save(name, definition), (saved) => {
      this.stored.set(saved);
      if (this.isNew()) void this.router.navigate(['/pipelines', saved.definition.name]);
      return `Saved ${saved.definition.name}; the next job uses it`;
    });
  }

  remove(): void {
    if (!this.confirmingDelete()) {
      this.confirmingDelete.set(true);
      return;
    }
    this.confirmingDelete.set(false);
    this.request(this.api.remove(this.name()), () => {
      void this.router.navigate(['/pipelines']);
      return `Deleted ${this.name()}`;
    });
  }

  /** The parsed text, or undefined (with the reason shown) when it is not JSON. */
  private definition(): unknown {
    this.message.set(null);
    this.error.set(null);
    this.problems.set([]);
    const parsed = this.parsed();
    if (parsed.ok) return parsed.value;
    this.error.set(this.jsonError());
    return undefined;
  }

  private request<T>(request: Observable<T>, describe: (result: T) => string): void {
    this.busy.set(true);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        this.message.set(describe(result));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problems = error instanceof HttpErrorResponse ? (error.error as { problems?: Problem[] } | null)?.problems : undefined;
        if (problems?.length) this.problems.set(problems);
        else this.error.set(describeHttpError(error));
      },
    });
  }
}
