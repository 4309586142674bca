import type { CleaningCounts } from '../cleaning/cleaning-rules';
import { inferDateOrder } from '../cleaning/date-cleaners';
import type { DecimalMark } from '../cleaning/number-cleaners';
import { inferDecimalMark } from '../cleaning/number-cleaners';
import type { DatasetDefinition, DateOrder } from '../datasets/dataset-definition';
import type { ColumnMapping } from '../mapping/header-matcher';
import { runInSlices } from '../work/stepwise';
import type { TableEvent } from '../intake/read-table';
import { FileRejection, HeaderRejection } from './file-rejection';
import type { FileLimits } from './file-limits';
import { DEFAULT_FILE_LIMITS, FileLimitExceeded, limitMessages } from './file-limits';
import type { HeaderLayout, HeaderLayoutResult } from './header-layout';
import { resolveHeaderLayout, resolveHeaderLayoutStepwise } from './header-layout';
import type { RowCells } from './row-cells';
import { cellArray } from './row-cells';
import type { RowValidation } from './row-validator';
import { validateRow } from './row-validator';

/** Rows read before the file's date order and decimal mark are decided; later rows follow that decision. */
export const DATE_ORDER_SAMPLE_ROWS = 1000;

export { FileRejection };

export interface RowOutcome {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  result: RowValidation;
  /** The row as read. */
  cells: string[];
  /** The row's original text, when it could not be read as cells. */
  text?: string;
}

interface PendingRow {
  cells: RowCells;
  line: number;
}

/**
 * Follows one file record by record: the first record is the header, every later one a data row.
 * When the dataset has date or number fields, the first rows are held back until the file's day/month order
 * and decimal mark are known (`1.234,5` in a European export); otherwise rows come out as they go in.
 * Memory stays bounded whatever the file size.
 */
export class CsvFileValidator {
  private layout: HeaderLayout | null = null;
  private dataRows = 0;
  private pending: PendingRow[] | null = null;
  private readonly dateOrders = new Map<string, DateOrder>();
  private decimalMark: DecimalMark = '.';
  /** Values changed by each cleaning rule, over the valid rows so far. */
  readonly cleaned: CleaningCounts = {};

  constructor(
    private readonly dataset: DatasetDefinition,
    private readonly limits: Pick<FileLimits, 'maxRows' | 'maxRowBytes'> = DEFAULT_FILE_LIMITS,
    /** Corrections of the mapping: a header as written → the field it is, or null for none. */
    private readonly columnFields?: Record<string, string | null>,
  ) {}

  /** Columns of the staged output: the dataset's fields, then any unmapped columns it keeps. */
  get outputColumns(): string[] {
    return [...this.dataset.fields.map((f) => f.name), ...(this.layout?.kept ?? []).map((k) => k.header)];
  }

  /** How the header's columns were mapped; empty until the header has been read. */
  get columns(): ColumnMapping[] {
    return this.layout?.columns ?? [];
  }

  get hasHeader(): boolean {
    return this.layout !== null;
  }

  /** Returns the rows it can decide now (none for the header); throws FileRejection for an unusable header. */
  accept(cells: RowCells, line: number): RowOutcome[] {
    if (!this.layout) {
      this.useHeader(resolveHeaderLayout(this.dataset, cellArray(cells)));
      return [];
    }
    this.countRow();
    if (!this.pending) return [this.validate({ cells, line })];
    this.pending.push({ cells, line });
    return this.pending.length >= DATE_ORDER_SAMPLE_ROWS ? this.release() : [];
  }

  /**
   * Reads the header as accept does, matching it in slices that leave the event loop free (a wide header takes a while);
   * `samples`, the first rows' cells, hint at what each column holds.
   */
  async acceptHeader(cells: RowCells, samples?: string[][]): Promise<void> {
    if (this.layout) throw new Error('The header has been read already');
    this.useHeader(await runInSlices(resolveHeaderLayoutStepwise(this.dataset, cellArray(cells), { samples, overrides: this.columnFields })));
  }

  /** Takes a row as TableReader reports it: a row it could not read as cells is a row error, with its text. */
  acceptTableEvent(event: Exclude<TableEvent, { kind: 'header' }>): RowOutcome[] {
    if (event.kind === 'row') return this.accept(event.cells, event.line);
    this.countRow();
    return [{ line: event.line, cells: event.cells ?? [], result: { ok: false, error: event.error }, ...(event.text !== undefined ? { text: event.text } : {}) }];
  }

  /** Returns the rows still held back; throws FileRejection when the file held no header or no data rows. */
  finish(): RowOutcome[] {
    if (!this.layout) throw new FileRejection('File is empty: expected a header row');
    if (this.dataRows === 0) throw new FileRejection('File has a header but no data rows');
    return this.pending ? this.release() : [];
  }

  private useHeader(resolved: HeaderLayoutResult): void {
    if (!resolved.ok) throw new HeaderRejection(resolved.error);
    this.layout = resolved.layout;
    // Rows are held back while the file's conventions are unknown: its date order, and its decimal mark.
    const conventional = resolved.layout.bindings.some(({ field }) => ['date', 'datetime', 'decimal', 'int'].includes(field.type));
    this.pending = conventional ? [] : null;
  }

  private countRow(): void {
    this.dataRows += 1;
    if (this.dataRows > this.limits.maxRows) throw new FileLimitExceeded('maxRows', limitMessages.rows(this.limits.maxRows));
  }

  private release(): RowOutcome[] {
    const rows = this.pending ?? [];
    this.pending = null;
    const layout = this.layout as HeaderLayout;
    for (const { field, index } of layout.bindings) {
      if (field.type !== 'date' && field.type !== 'datetime') continue;
      const evidence = inferDateOrder(rows.map((row) => row.cells.at(index) ?? ''));
      this.dateOrders.set(field.name, evidence ?? this.dataset.defaultDateOrder ?? 'MDY');
    }
    const numeric = layout.bindings.filter(({ field }) => field.type === 'decimal' || field.type === 'int');
    this.decimalMark = inferDecimalMark(numeric.flatMap(({ index }) => rows.map((row) => row.cells.at(index) ?? ''))) ?? '.';
    return rows.map((row) => this.validate(row));
  }

  private validate({ cells, line }: PendingRow): RowOutcome {
    const result = validateRow(this.layout as HeaderLayout, cells, this.dateOrders, this.cleaned, this.decimalMark);
    // Cut into cells only when asked: the worker keeps the cells of invalid rows alone.
    return {
      line,
      result,
      get cells() {
        return cellArray(cells);
      },
    };
  }
}
