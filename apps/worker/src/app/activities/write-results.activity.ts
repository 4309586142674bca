import { createReadStream } from 'node:fs';
import { join } from 'node:path';

import { mergeRecords } from '@sluice/analytics';
import type { MergeStatsView } from '@sluice/contracts';

import { DatasetDefinition, findDataset, keptColumns, neutraliseFormula } from '@sluice/core';
import { recordsKey, resultKey } from '@sluice/storage';
import type { ResultsInput } from '@sluice/temporal';
import { stringify } from 'csv-stringify';

import type { ActivityDeps } from './activity-deps';
import { withStagedFiles } from './staged-files';

const PAGE = 5000;

/**
 * Writes the job's downloadable results to S3: `clean.csv` (every valid record, normalised) and
 * `rejected.csv` (every invalid row as it was read, with its file, line and error). Every cell is
 * neutralised against spreadsheet formula injection.
 */
export async function writeResults(deps: ActivityDeps, input: ResultsInput): Promise<MergeStatsView> {
  const dataset = input.definition ?? findDataset(input.dataset);
  if (!dataset) throw new Error(`Unknown dataset "${input.dataset}"`);
  const stats = await writeClean(deps, input, dataset);
  await writeRejected(deps, input);
  return stats;
}

/** Merges and de-duplicates the staged records in DuckDB and stores the result. */
async function writeClean(deps: ActivityDeps, { jobId, stagedKeys, files: sources, records }: ResultsInput, dataset: DatasetDefinition): Promise<MergeStatsView> {
  const kept = sources.flatMap((source) => keptColumns(dataset, source.columns).map((k) => k.header));
  const fields = [...new Set([...dataset.fields.map((f) => f.name), ...kept])];
  return withStagedFiles(deps, jobId, stagedKeys, async (files, scratch) => {
    const output = join(scratch, 'clean.csv');
    const json = records ? { output: join(scratch, 'records.ndjson'), types: Object.fromEntries(dataset.fields.map((f) => [f.name, f.type])) } : undefined;
    const stats = await mergeRecords({ files, fields, dedupe: dataset.dedupe, output, records: json });
    await deps.store.put(resultKey(jobId, 'clean'), createReadStream(output));
    if (json) await deps.store.put(recordsKey(jobId), createReadStream(json.output), 'application/x-ndjson');
    return stats;
  });
}

async function writeRejected(deps: ActivityDeps, { jobId, files }: ResultsInput): Promise<void> {
  const uploads = await deps.prisma.upload.findMany({ where: { jobId }, select: { id: true, fileName: true } });
  // One table for every file: its own columns under their original headers, in the order first seen.
  const headersOf = new Map(files.map((f) => [f.uploadId, f.columns.map((c) => c.header)]));
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
