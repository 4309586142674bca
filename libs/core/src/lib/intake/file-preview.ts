import type { DatasetDefinition, FilePreview, FileReadingOptions } from '@sluice/contracts';

import { mapDatasetHeader } from '../validation/header-layout';
import type { RecordLimits } from '../validation/csv-record-reader';
import { FileRejection } from '../validation/file-rejection';
import { cellArray } from '../validation/row-cells';
import { TableReader } from './read-table';
import { MAPPING_SAMPLE_ROWS } from './validate-table';

/** Data rows a preview shows. */
export const PREVIEW_ROWS = 20;
/** Rows that could not be read, listed (the first ones). */
export const PREVIEW_REJECTED = 20;

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

/** Reads the start of a file as a job would and maps its header to the dataset; reads nothing but the bytes given, and of them only the first rows. */
export async function previewFile(input: FilePreviewInput): Promise<FilePreview> {
  if (/\.zip$/i.test(input.fileName.trim())) throw new FileRejection('A .zip is read file by file: preview one of the CSV files inside it');
  const reader = new TableReader({ bytes: [input.bytes], fileName: input.fileName, options: input.options, limits: input.limits, partial: input.truncated });
  let header: string[] = [];
  let rows: { line: number; cells: string[] }[] = [];
  let rejected: { line: number; error: string }[] = [];
  // The mapping's sample is all a preview needs: a big file (or a workbook that inflates) is not read to its end.
  for await (const event of reader.events()) {
    if (event.kind === 'header') header = event.cells;
    else if (event.kind === 'row') rows.push({ line: event.line, cells: cellArray(event.cells) });
    else if (rejected.length < PREVIEW_REJECTED) rejected.push({ line: event.line, error: event.error });
    if (rows.length > MAPPING_SAMPLE_ROWS) break;
  }
  if (input.truncated) {
    // The cut may fall inside the last record (or inside a quoted field that then looks unterminated).
    const last = Math.max(rows.at(-1)?.line ?? 0, rejected.at(-1)?.line ?? 0);
    rows = rows.filter((r) => r.line !== last);
    rejected = rejected.filter((r) => r.line !== last);
  }
  const mapped = mapDatasetHeader(input.dataset, header, { samples: rows.slice(0, MAPPING_SAMPLE_ROWS).map((r) => r.cells), overrides: input.options?.columnFields });
  if (mapped.error) throw new FileRejection(mapped.error);
  return {
    reading: reader.report,
    header,
    columns: mapped.columns,
    missingRequired: mapped.missingRequired,
    rows: rows.slice(0, PREVIEW_ROWS).map((r) => r.cells),
    rejected,
  };
}
