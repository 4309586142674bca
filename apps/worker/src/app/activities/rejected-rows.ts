import { neutraliseFormula } from '@sluice/core';
import { resultKey } from '@sluice/storage';
import type { ResultSource } from '@sluice/temporal';
import { stringify } from 'csv-stringify';

import type { ActivityDeps } from './activity-deps';

const PAGE = 5000;

/**
 * Writes `rejected.csv`: every invalid row as it was read, under its file's own headers, with its file,
 * line and error — a row that could not be split into cells (a malformed quote) as its original text —;
 * every cell neutralised against spreadsheet formula injection.
 */
export async function writeRejected(deps: ActivityDeps, workspaceId: string, jobId: string, files: ResultSource[]): Promise<void> {
  // One table for every file: its own columns under their original headers, in the order first seen.
  const headersOf = new Map(files.map((f) => [f.uploadId, f.columns.map((c) => c.header)]));
  const sourceColumns = [...new Set([...headersOf.values()].flat())];
  const positionOf = new Map(sourceColumns.map((header, index) => [header, 3 + index]));
  // Rows go out as arrays, not objects keyed by header: csv-stringify reads a key like "a.b" as a path.
  // The header row is written like any row, so its names are neutralised too (a column may be called "=cmd|…").
  const out = stringify({ cast: { string: (value) => String(neutraliseFormula(value)) } });
  const stored = deps.store.put(resultKey(workspaceId, jobId, 'rejected'), out);
  out.write(['source_file', 'line', 'error', ...sourceColumns, 'extra_values', 'original_text']);
  const names = await deps.db.jobs.fileNames(workspaceId, jobId);
  for (let cursor: bigint | null = null; ;) {
    const page = await deps.db.jobs.invalidRowsAfter(workspaceId, jobId, cursor, PAGE);
    for (const row of page) {
      const cells = row.cells ?? [];
      const headers = headersOf.get(row.uploadId) ?? [];
      const record: (string | number)[] = [names.get(row.uploadId) ?? '', row.line, row.error, ...sourceColumns.map(() => ''), '', row.text ?? ''];
      headers.forEach((header, index) => (record[positionOf.get(header) as number] = cells[index] ?? ''));
      if (cells.length > headers.length) record[record.length - 2] = JSON.stringify(cells.slice(headers.length));
      if (!out.write(record)) await new Promise((resolve) => out.once('drain', resolve));
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1].id;
  }
  out.end();
  await stored;
}
