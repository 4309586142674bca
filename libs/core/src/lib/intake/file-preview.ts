import type { ColumnMappingView, DatasetDefinition, FileReadingOptions, FileReadingReport } from '@sluice/contracts';

import { mapDatasetHeader } from '../validation/header-layout';
import type { RecordLimits } from '../validation/csv-record-reader';
import { FileRejection } from '../validation/file-rejection';
import { readWholeTable } from './read-table';
import { MAPPING_SAMPLE_ROWS } from './validate-table';

/** Data rows a preview shows. */
export const PREVIEW_ROWS = 20;
/** Rows that could not be read, listed (the first ones). */
export const PREVIEW_REJECTED = 20;

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
  const mapped = mapDatasetHeader(input.dataset, table.header, { samples: rows.slice(0, MAPPING_SAMPLE_ROWS).map((r) => r.cells), overrides: input.options?.columnFields });
  if (mapped.error) throw new FileRejection(mapped.error);
  return {
    reading: table.report,
    header: table.header,
    columns: mapped.columns,
    missingRequired: mapped.missingRequired,
    rows: rows.slice(0, PREVIEW_ROWS).map((r) => r.cells),
    rejected: rejected.slice(0, PREVIEW_REJECTED).map(({ line, error }) => ({ line, error })),
  };
}
