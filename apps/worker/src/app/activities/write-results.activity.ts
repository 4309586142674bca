import { pipeline } from 'node:stream/promises';

import { findDataset, neutraliseFormula } from '@sluice/core';
import { resultKey } from '@sluice/storage';
import type { ResultsInput } from '@sluice/temporal';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

import type { ActivityDeps } from './activity-deps';

const PAGE = 5000;

/**
 * Writes the job's downloadable results to S3: `clean.csv` (every valid record, normalised) and
 * `rejected.csv` (every invalid row as it was read, with its file, line and error). Every cell is
 * neutralised against spreadsheet formula injection.
 */
export async function writeResults(deps: ActivityDeps, input: ResultsInput): Promise<void> {
  const dataset = findDataset(input.dataset);
  if (!dataset) throw new Error(`Unknown dataset "${input.dataset}"`);
  await writeClean(deps, input.jobId, dataset.fields.map((f) => f.name), input.stagedKeys);
  await writeRejected(deps, input);
}

async function writeClean(deps: ActivityDeps, jobId: string, columns: string[], stagedKeys: string[]): Promise<void> {
  const out = stringify({ header: true, columns, cast: { string: (value) => String(neutraliseFormula(value)) } });
  const stored = deps.store.put(resultKey(jobId, 'clean'), out);
  for (const key of stagedKeys) {
    const rows = parse({ columns: true });
    await pipeline(await deps.store.read(key), rows, async function* (records: AsyncIterable<Record<string, string>>) {
      for await (const record of records) if (!out.write(record)) await new Promise((resolve) => out.once('drain', resolve));
    });
  }
  out.end();
  await stored;
}

async function writeRejected(deps: ActivityDeps, { jobId, files }: ResultsInput): Promise<void> {
  const uploads = await deps.prisma.upload.findMany({ where: { jobId }, select: { id: true, fileName: true } });
  // One table for every file: its own columns under their original headers, in the order first seen.
  const headersOf = new Map(files.map((f) => [f.uploadId, f.headers]));
  const sourceColumns = [...new Set([...headersOf.values()].flat())];
  const out = stringify({ header: true, columns: ['source_file', 'line', 'error', ...sourceColumns, 'extra_values'], cast: { string: (value) => String(neutraliseFormula(value)) } });
  const stored = deps.store.put(resultKey(jobId, 'rejected'), out);
  const names = new Map(uploads.map((u) => [u.id, u.fileName]));
  for (let cursor: bigint | undefined; ; ) {
    const page = await deps.prisma.invalidRow.findMany({
      where: { jobId },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of page) {
      const cells = (row.cells as string[] | null) ?? [];
      const headers = headersOf.get(row.uploadId) ?? [];
      const record: Record<string, string | number> = { source_file: names.get(row.uploadId) ?? '', line: row.line, error: row.error };
      headers.forEach((header, index) => (record[header] = cells[index] ?? ''));
      if (cells.length > headers.length) record['extra_values'] = JSON.stringify(cells.slice(headers.length));
      if (!out.write(record)) await new Promise((resolve) => out.once('drain', resolve));
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1].id;
  }
  out.end();
  await stored;
}
