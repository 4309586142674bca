import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { InvalidRowView, UploadView } from '@sluice/contracts';
import { catchError, map, of, switchMap } from 'rxjs';

import { describeHttpError, JobsApiService } from '../../core/jobs-api.service';

export const INVALID_ROWS_PAGE_SIZE = 100;

type PageState = { rows: InvalidRowView[] | null; error: string | null };

/** A job's invalid rows, a page at a time: the first page comes with the job, later ones from the API. */
@Component({
  selector: 'sl-invalid-rows-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe],
  template: `
    <table class="invalid-rows">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Line</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.fileId + row.row) {
          <tr>
            <td>{{ fileName(row.fileId) }}</td>
            <td>{{ row.row }}</td>
            <td>{{ row.error }}</td>
          </tr>
        }
      </tbody>
    </table>
    @if (loaded().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (lastPage() > 1) {
      <nav class="pager" aria-label="Invalid row pages">
        <button type="button" (click)="page.set(page() - 1)" [disabled]="page() <= 1">Previous</button>
        <span>Page {{ page() }} of {{ lastPage() }} · {{ total() | number }} rows</span>
        <button type="button" (click)="page.set(page() + 1)" [disabled]="page() >= lastPage()">Next</button>
      </nav>
    }
  `,
})
export class InvalidRowsTable {
  private readonly api = inject(JobsApiService);

  readonly jobId = input.required<string>();
  readonly total = input.required<number>();
  readonly firstPage = input.required<InvalidRowView[]>();
  readonly files = input<UploadView[]>([]);
  readonly page = signal(1);
  readonly lastPage = computed(() => Math.max(1, Math.ceil(this.total() / INVALID_ROWS_PAGE_SIZE)));

  readonly loaded = toSignal(
    toObservable(computed(() => ({ jobId: this.jobId(), page: this.page() }))).pipe(
      switchMap(({ jobId, page }) =>
        page === 1
          ? of<PageState>({ rows: null, error: null })
          : this.api.listInvalidRows(jobId, page, INVALID_ROWS_PAGE_SIZE).pipe(
              map((result): PageState => ({ rows: result.items, error: null })),
              catchError((error: unknown) => of<PageState>({ rows: [], error: describeHttpError(error) })),
            ),
      ),
    ),
    { initialValue: { rows: null, error: null } as PageState },
  );

  readonly rows = computed(() => (this.page() === 1 ? this.firstPage() : (this.loaded().rows ?? [])));

  fileName(fileId: string): string {
    return this.files().find((f) => f.id === fileId)?.fileName ?? '';
  }
}
