import { createReadStream } from 'node:fs';
import { join } from 'node:path';

import { joinPipeline, mergeRecords } from '@sluice/analytics';
import type { FieldType, MergeStatsView, PipelineDefinition } from '@sluice/contracts';
import { DatasetDefinition, keptColumns, neutraliseFormula, pipelineColumns, pipelineDatasets } from '@sluice/core';
import { recordsKey, resultKey } from '@sluice/storage';
import type { ResultsInput } from '@sluice/temporal';
import { stringify } from 'csv-stringify';

import type { ActivityDeps } from './activity-deps';
import { datasetOf } from './job-spec';
import { withStagedFiles } from './staged-files';

const PAGE = 5000;

/**
 * Writes the job's downloadable results to S3: `clean.csv` (every valid record, normalised) and
 * `rejected.csv` (every invalid row as it was read, with its file, line and error). Every cell is
 * neutralised against spreadsheet formula injection.
 */
export async function writeResults(deps: ActivityDeps, input: ResultsInput): Promise<MergeStatsView> {
  const stats = input.pipeline ? await writeJoined(deps, input, input.pipeline) : await writeClean(deps, input, datasetOf(input));
  await writeRejected(deps, input);
  return stats;
}

const typesOf = (dataset: DatasetDefinition): Record<string, FieldType> => Object.fromEntries(dataset.fields.map((f) => [f.name, f.type]));

/** The dataset's fields plus the columns its files keep unmapped. */
function fieldsOf(dataset: DatasetDefinition, sources: ResultsInput['files']): string[] {
  const kept = sources.flatMap((source) => keptColumns(dataset, source.columns).map((k) => k.header));
  return [...new Set([...dataset.fields.map((f) => f.name), ...kept])];
}

async function storeOutputs(deps: ActivityDeps, jobId: string, output: string, records: string | undefined): Promise<void> {
  await deps.store.put(resultKey(jobId, 'clean'), createReadStream(output));
  if (records) await deps.store.put(recordsKey(jobId), createReadStream(records), 'application/x-ndjson');
}

/** Merges and de-duplicates the staged records in DuckDB and stores the result. */
async function writeClean(deps: ActivityDeps, { jobId, stagedKeys, files: sources, records }: ResultsInput, dataset: DatasetDefinition): Promise<MergeStatsView> {
  return withStagedFiles(deps, jobId, stagedKeys, async (files, scratch) => {
    const output = join(scratch, 'clean.csv');
    const json = records ? { output: join(scratch, 'records.ndjson'), types: typesOf(dataset) } : undefined;
    const stats = await mergeRecords({ files, fields: fieldsOf(dataset, sources), dedupe: dataset.dedupe, output, records: json });
    await storeOutputs(deps, jobId, output, json?.output);
    return stats;
  });
}

/**
 * A pipeline job: each dataset's files are merged and de-duplicated on their own, then joined into
 * the final sheet, which is the job's result.
 */
async function writeJoined(deps: ActivityDeps, input: ResultsInput, pipeline: PipelineDefinition): Promise<MergeStatsView> {
  const sources = input.files.filter((f) => f.stagedKey);
  return withStagedFiles(deps, input.jobId, sources.map((f) => f.stagedKey as string), async (staged, scratch) => {
    const merged: Record<string, string> = {};
    const fieldTypes: Record<string, Record<string, FieldType>> = {};
    const total: MergeStatsView = { rowsIn: 0, rowsOut: 0, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0 };
    for (const name of pipelineDatasets(pipeline)) {
      const dataset = datasetOf(input, name);
      fieldTypes[name] = typesOf(dataset);
      const mine = sources.flatMap((source, index) => (source.dataset === name ? [{ source, file: staged[index] }] : []));
      if (mine.length === 0) continue;
      merged[name] = join(scratch, `${name}.csv`);
      const stats = await mergeRecords({ files: mine.map((m) => m.file), fields: fieldsOf(dataset, mine.map((m) => m.source)), dedupe: dataset.dedupe, output: merged[name] });
      total.rowsIn += stats.rowsIn;
      total.duplicatesRemoved += stats.duplicatesRemoved;
      total.fieldsMerged += stats.fieldsMerged;
      total.conflicts += stats.conflicts;
    }
    const output = join(scratch, 'final.csv');
    const records = input.records ? { output: join(scratch, 'records.ndjson'), types: pipelineColumns(pipeline, (name) => datasetOf(input, name)) } : undefined;
    const joined = await joinPipeline({ base: pipeline.base, joins: pipeline.joins, files: merged, fieldTypes, output, records });
    await storeOutputs(deps, input.jobId, output, records?.output);
    return { ...total, rowsOut: joined.rowsOut, matched: joined.matched };
  });
}

async function writeRejected(deps: ActivityDeps, { jobId, files }: ResultsInput): Promise<void> {
  const uploads = await deps.prisma.upload.findMany({ where: { jobId }, select: { id: true, fileName: true } });
  // One table for every file: its own columns under their original headers, in the order first seen.
  const headersOf = new Map(files.map((f) => [f.uploadId, f.columns.map((c) => c.header)]));
  const sourceColumns = [...new Set([...headersOf.values()].flat())];
  const positionOf = new Map(sourceColumns.map((header, index) => [header, 3 + index]));
  // Rows go out as arrays, not objects keyed by header: csv-stringify reads a key like "a.b" as a path.
  // The header row is written like any row, so its names are neutralised too (a column may be called "=cmd|…").
  const out = stringify({ cast: { string: (value) => String(neutraliseFormula(value)) } });
  const stored = deps.store.put(resultKey(jobId, 'rejected'), out);
  out.write(['source_file', 'line', 'error', ...sourceColumns, 'extra_values']);
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
      const record: (string | number)[] = [names.get(row.uploadId) ?? '', row.line, row.error, ...sourceColumns.map(() => ''), ''];
      headers.forEach((header, index) => (record[positionOf.get(header) as number] = cells[index] ?? ''));
      if (cells.length > headers.length) record[record.length - 1] = JSON.stringify(cells.slice(headers.length));
      if (!out.write(record)) await new Promise((resolve) => out.once('drain', resolve));
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1].id;
  }
  out.end();
  await stored;
}
