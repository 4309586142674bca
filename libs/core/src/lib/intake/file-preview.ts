import type { ColumnMappingView, DatasetDefinition, FileReadingOptions, FileReadingReport } from '@sluice/contracts';

import { mapDatasetHeader } from '../validation/header-layout';
import type { HeaderMappingPreview } from '../validation/header-layout';
import type { RecordLimits } from '../validation/csv-record-reader';
import { readWholeTable } from './read-table';

/** Data rows a preview shows. */
export const PREVIEW_ROWS = 20;
/** Rows that could not be read, listed (the first ones). */
export const PREVIEW_REJECTED = 20;
/** Rows the mapping may look at for value hints (emails, dates, URLs …). */
const SAMPLE_ROWS = 100;

/** What a file would be read and mapped as, before any job runs. */
export interface FilePreview {
  reading: FileReadingReport;
  header: string[];
  /** Each column → field, with scores and, for unsure columns, candidates. */
  columns: ColumnMappingView[];
  missingRequired: string[];
  /** The first data rows, as read. */
  rows: string[][];
  /** The first rows that could not be read. */
  rejected: { line: number; error: string }[];
}

export interface FilePreviewInput {
  dataset: DatasetDefinition;
  /** The file, or its start when `truncated`. */
  bytes: Uint8Array;
  fileName: string;
  options?: FileReadingOptions;
  limits?: RecordLimits;
  /** Only the start of the file was read: its last line may be cut and is left out. */
  truncated?: boolean;
}

type MapWithHints = (dataset: DatasetDefinition, header: string[], hints?: { samples?: string[][]; overrides?: Record<string, string | null> }) => HeaderMappingPreview;

/** Reads the start of a file as a job would and maps its header to the dataset; reads nothing but the bytes given. */
export async function previewFile(input: FilePreviewInput): Promise<FilePreview> {
  const table = await readWholeTable(input.bytes, input.fileName, input.options, input.limits);
  let { rows, rejected } = table;
  if (input.truncated) {
    // The cut may fall inside the last record (or inside a quoted field that then looks unterminated).
    const last = Math.max(rows.at(-1)?.line ?? 0, rejected.at(-1)?.line ?? 0);
    rows = rows.filter((r) => r.line !== last);
    rejected = rejected.filter((r) => r.line !== last);
  }
  const overrides = input.options?.columnFields ?? {};
  // The hints argument is read by the mapping that knows value types and corrections; older mappings ignore it.
  const mapped = (mapDatasetHeader as MapWithHints)(input.dataset, table.header, { samples: rows.slice(0, SAMPLE_ROWS).map((r) => r.cells), overrides });
  const columns = withOverrides(mapped.columns, overrides);
  return {
    reading: table.report,
    header: table.header,
    columns,
    missingRequired: columns === mapped.columns ? mapped.missingRequired : missingRequired(input.dataset, columns),
    rows: rows.slice(0, PREVIEW_ROWS).map((r) => r.cells),
    rejected: rejected.slice(0, PREVIEW_REJECTED).map(({ line, error }) => ({ line, error })),
  };
}

/**
 * The corrections applied where the mapping did not apply them itself (a mapping without `overrides`):
 * a no-op, returning the same array, once it does.
 */
function withOverrides(columns: ColumnMappingView[], overrides: Record<string, string | null>): ColumnMappingView[] {
  const pending = columns.filter((c) => c.header in overrides && c.field !== overrides[c.header]);
  if (pending.length === 0) return columns;
  const overridden = new Set(Object.values(overrides).filter((f): f is string => f !== null));
  return columns.map((column) => {
    if (column.header in overrides) {
      const field = overrides[column.header];
      return { header: column.header, index: column.index, field, score: field === null ? 0 : 100, method: field === null ? 'unmapped' : 'override' };
    }
    // A field a correction gave to another column is that column's only.
    return column.field !== null && overridden.has(column.field) ? { header: column.header, index: column.index, field: null, score: 0, method: 'unmapped' } : column;
  });
}

function missingRequired(dataset: DatasetDefinition, columns: ColumnMappingView[]): string[] {
  const mapped = new Set(columns.map((c) => c.field));
  return dataset.fields.filter((f) => f.required && !mapped.has(f.name)).map((f) => f.name);
}
