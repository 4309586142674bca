import { STAGED_LINE_COLUMN } from '@sluice/core';

import { PositionalCsv, positionalCsv } from '../csv-files';
import { recordIdSql } from './record-ids';

/** A staged CSV of the job, read by position. */
export interface StagedFile {
  /** The file's number in the job: its place in upload order, from 0. */
  number: number;
  csv: PositionalCsv;
  /** Each row's line in the uploaded file, as SQL over the file's columns. */
  line: string;
}

/**
 * Opens the staged files that hold a header (an empty one holds no rows). Their first column is the
 * source line (see STAGED_LINE_COLUMN); files staged before it existed count lines from the header
 * as line 1, which is exact for files without skipped or multi-line rows.
 */
export async function openStagedFiles(files: string[], numbers: number[] = files.map((_, index) => index)): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  for (const [index, file] of files.entries()) {
    const csv = await positionalCsv(file, (names) => (names[0] === STAGED_LINE_COLUMN ? 1 : 0));
    if (!csv) continue;
    const line = csv.names[0] === STAGED_LINE_COLUMN ? 'TRY_CAST(c0 AS BIGINT)' : '(row_number() OVER () + 1)';
    staged.push({ number: numbers[index] ?? index, csv, line });
  }
  return staged;
}

/**
 * Every row of the files as (record_id, file_index, row_in_file, cells): `row_in_file` is the row's
 * source line, `cells` are `fields`' cells found by header name (NULL where a file lacks one), each
 * passed through `cellAs` (linking reads its few fields normalised).
 */
export function stagedRows(files: StagedFile[], fields: string[], cellAs: (cell: string, index: number) => string = (cell) => cell): string {
  const parts = files.map(({ number, csv, line }) => {
    // One expression per field: a lambda over the list costs several times more per cell (fields here are few, or the list is left as it is).
    const cells = fields.length ? `list_value(${fields.map((field, index) => cellAs(csv.column(field), index)).join(', ')})::VARCHAR[]` : '[]::VARCHAR[]';
    return `SELECT ${recordIdSql(String(number), 'row_in_file')} AS record_id, ${number} AS file_index, row_in_file, cells
      FROM (SELECT ${line} AS row_in_file, ${cells} AS cells FROM ${csv.source})`;
  });
  return parts.length ? parts.join(' UNION ALL ') : 'SELECT 0::BIGINT AS record_id, 0 AS file_index, 0::BIGINT AS row_in_file, []::VARCHAR[] AS cells WHERE false';
}
