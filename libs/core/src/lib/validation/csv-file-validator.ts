import type { Options as CsvParseOptions } from 'csv-parse';

import type { DatasetDefinition } from '../datasets/dataset-definition';
import type { ColumnMapping } from '../mapping/header-matcher';
import type { HeaderLayout } from './header-layout';
import { resolveHeaderLayout } from './header-layout';
import type { RowValidation } from './row-validator';
import { validateRow } from './row-validator';

/** How every uploaded CSV is tokenised; the worker streams with these and the tests parse with them. */
export const CSV_PARSE_OPTIONS: CsvParseOptions = {
  bom: true,
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
};

/** A file-level problem: no retry or row-level handling can save the file. */
export class FileRejection extends Error {
  override readonly name = 'FileRejection';
}

export interface RowOutcome {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  result: RowValidation;
}

/**
 * Follows one file record by record: the first record is the header, every later one a data row.
 * It holds no rows, so a file of any size goes through in constant memory.
 */
export class CsvFileValidator {
  private layout: HeaderLayout | null = null;
  private dataRows = 0;

  constructor(private readonly dataset: DatasetDefinition) {}

  /** How the header's columns were mapped; empty until the header has been read. */
  get columns(): ColumnMapping[] {
    return this.layout?.columns ?? [];
  }

  /** Returns null for the header; throws FileRejection when the header cannot be used. */
  accept(cells: string[], line: number): RowOutcome | null {
    if (!this.layout) {
      const resolved = resolveHeaderLayout(this.dataset, cells);
      if (!resolved.ok) throw new FileRejection(resolved.error);
      this.layout = resolved.layout;
      return null;
    }
    this.dataRows += 1;
    return { line, result: validateRow(this.layout, cells) };
  }

  /** Throws FileRejection when the file held no header or no data rows. */
  finish(): void {
    if (!this.layout) throw new FileRejection('File is empty: expected a header row');
    if (this.dataRows === 0) throw new FileRejection('File has a header but no data rows');
  }
}
