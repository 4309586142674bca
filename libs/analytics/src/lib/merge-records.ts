import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldType, MergePolicy, MergeStatsView } from '@sluice/contracts';

import { PositionalCsv, positionalCsv } from './csv-files';
import { sqlLiteral } from './duckdb-session';
import { MEASURED_TABLE, measuredList } from './measured-rows';
import { RecordBatches, writeRecordLines } from './record-batches';
import { csvHeaderLine, csvLine, jsonLine, writeLines } from './text-lines';

export interface MergeDedupe {
  keys: string[][];
  policy: MergePolicy;
  fuzzy?: { field: string; blockBy?: string; threshold: number };
}

export interface MergeInput {
  /** Staged CSVs (header = `fields`), in the order the job's files were uploaded. */
  files: string[];
  fields: string[];
  dedupe?: MergeDedupe;
  /** Where to write the merged CSV. */
  output: string;
  /** Neutralise formula-like cells (a download); false for a CSV this system reads back. Default true. */
  escape?: boolean;
  /** Also write the merged records as newline-delimited JSON, numbers and booleans typed per field. */
  records?: { output: string; types: Record<string, FieldType> };
  /** Also keep these fields' cells of every merged record, unescaped, in the measured table (see MeasuredRows). */
  measure?: string[];
}

export type MergeStats = MergeStatsView;

export interface MergeOutcome {
  stats: MergeStats;
  /** The records file's batches, when records were asked for. */
  records?: RecordBatches;
}

// Every row is one list of cells in `fields` order, so each step is one expression however wide the
// file (datasets that keep unmapped columns reach tens of thousands): per-column select lists made
// DuckDB slow from a few hundred columns and too deep to plan from about a thousand.

const norm = (expression: string) => `trim(regexp_replace(lower(${expression}), '[^a-z0-9]+', ' ', 'g'))`;

const PRIORITY: Record<MergeDedupe['policy'], string> = {
  first: 'file_index, row_in_file',
  most_recent: 'file_index DESC, row_in_file DESC',
  most_complete: 'list_count(cells) DESC, file_index, row_in_file',
};

interface StagedFile {
  index: number;
  csv: PositionalCsv;
}

/** Each file's rows as (file_index, row_in_file, cells): `fields`' cells, found by header name, NULL where a file lacks one. */
function rowsOf(files: StagedFile[], fields: string[]): string {
  const parts = files.map(
    ({ index, csv }) =>
      `SELECT ${index} AS file_index, row_number() OVER () AS row_in_file, list_value(${fields.map(csv.column).join(', ')})::VARCHAR[] AS cells FROM ${csv.source}`,
  );
  return parts.length ? parts.join(' UNION ALL ') : 'SELECT 0 AS file_index, 0::BIGINT AS row_in_file, []::VARCHAR[] AS cells WHERE false';
}

function groupKey(dedupe: MergeDedupe | undefined, cell: (field: string) => string): string {
  const alternatives = (dedupe?.keys ?? []).map((fields, index) => {
    const filled = fields.map((f) => `${cell(f)} IS NOT NULL`).join(' AND ');
    const value = fields.map((f) => norm(cell(f))).join(` || '|' || `);
    return `CASE WHEN ${filled} THEN 'k${index}:' || ${value} END`;
  });
  return `COALESCE(${[...alternatives, `'row:' || file_index || ':' || row_in_file`].join(', ')})`;
}

/** Joins groups whose names are similar within a block; only matching pairs leave DuckDB. */
async function applyFuzzy(db: DuckDBConnection, fuzzy: NonNullable<MergeDedupe['fuzzy']>, cell: (field: string) => string): Promise<void> {
  const name = norm(`any_value(${cell(fuzzy.field)})`);
  // Without a block field, names are only compared with names that start alike.
  const block = fuzzy.blockBy ? norm(`any_value(${cell(fuzzy.blockBy)})`) : `left(${name}, 3)`;
  await db.run(`CREATE TEMP TABLE reps AS SELECT group_key, ${name} AS name, ${block} AS block
    FROM keyed GROUP BY group_key HAVING name IS NOT NULL AND block IS NOT NULL`);
  const pairs = await db.runAndReadAll(`SELECT a.group_key, b.group_key FROM reps a JOIN reps b
    ON a.block = b.block AND a.group_key < b.group_key AND jaro_winkler_similarity(a.name, b.name) >= ${fuzzy.threshold / 100}`);
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    const up = parent.get(key);
    if (!up || up === key) return key;
    const root = find(up);
    parent.set(key, root);
    return root;
  };
  for (const [a, b] of pairs.getRows() as [string, string][]) {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(rb < ra ? ra : rb, rb < ra ? rb : ra);
  }
  if (parent.size === 0) return;
  const mapping = [...parent.keys()].map((key) => `(${sqlLiteral(key)}, ${sqlLiteral(find(key))})`).join(', ');
  await db.run(`UPDATE keyed SET group_key = m.root FROM (VALUES ${mapping}) m(key, root) WHERE keyed.group_key = m.key`);
}

/** Groups every row by its key, reading only the key columns; rows that share a group are listed in `duplicates`. */
async function groupRows(db: DuckDBConnection, files: StagedFile[], dedupe: MergeDedupe | undefined): Promise<void> {
  const keyFields = [...new Set([...(dedupe?.keys.flat() ?? []), ...(dedupe?.fuzzy ? [dedupe.fuzzy.field, dedupe.fuzzy.blockBy ?? dedupe.fuzzy.field] : [])])];
  const cell = (field: string) => `key_cells[${keyFields.indexOf(field) + 1}]`;
  await db.run(`CREATE TEMP TABLE keyed AS SELECT file_index, row_in_file, key_cells, ${groupKey(dedupe, cell)} AS group_key
    FROM (SELECT file_index, row_in_file, cells AS key_cells FROM (${rowsOf(files, keyFields)}))`);
  if (dedupe?.fuzzy) await applyFuzzy(db, dedupe.fuzzy, cell);
  await db.run(`CREATE TEMP TABLE duplicates AS SELECT file_index, row_in_file, group_key FROM keyed
    WHERE group_key IN (SELECT group_key FROM keyed GROUP BY group_key HAVING count(*) > 1)`);
}

// Folds a group's rows (in policy order) into one list, position by position, with `pick` choosing
// between the value so far and the next row's. Linear in the group's cells.
const fold = (versions: string, pick: string) => `list_reduce(${versions}, lambda acc, row: list_transform(list_zip(acc, row), lambda pair: ${pick}(pair[1], pair[2])))`;

/**
 * One record per duplicate group, over the group's rows only: each cell the first filled value in
 * policy order; a cell counts as filled when the best row had it empty, as a conflict when values differ.
 */
async function mergeDuplicates(db: DuckDBConnection, policy: MergeDedupe['policy']): Promise<void> {
  // A merged record takes the place of the group's first row.
  await db.run(`CREATE TEMP TABLE groups AS SELECT min({'file_index': file_index, 'row_in_file': row_in_file}) AS first,
      list(cells ORDER BY ${PRIORITY[policy]}) AS versions
    FROM rows WHERE group_key IS NOT NULL GROUP BY group_key`);
  await db.run(`CREATE TEMP TABLE merged AS SELECT first.file_index, first.row_in_file, cells,
      list_count(list_filter(list_zip(versions[1], cells), lambda pair: pair[1] IS NULL AND pair[2] IS NOT NULL)) AS filled,
      list_count(list_filter(list_zip(lowest, highest), lambda pair: pair[1] <> pair[2])) AS conflicts
    FROM (SELECT first, versions, ${fold('versions', 'coalesce')} AS cells,
      ${fold('versions', 'least')} AS lowest, ${fold('versions', 'greatest')} AS highest FROM groups)`);
  await db.run('DROP TABLE groups');
}

/**
 * Merges a job's staged files into one CSV, de-duplicating per the dataset: one surviving record
 * per group, its empty fields filled from the others in policy order, conflicts counted. Runs on the
 * caller's DuckDB session and leaves only the measured table behind.
 */
export async function mergeRecords(db: DuckDBConnection, { files, fields, dedupe, output, escape = true, records, measure }: MergeInput): Promise<MergeOutcome> {
  const staged: StagedFile[] = [];
  for (const [index, file] of files.entries()) {
    const csv = await positionalCsv(file);
    if (csv) staged.push({ index, csv });
  }
  await groupRows(db, staged, dedupe);
  const cellOf = (cells: string) => (field: string) => (fields.includes(field) ? `${cells}[${fields.indexOf(field) + 1}]` : 'NULL::VARCHAR');
  // Rows in no group become their output lines as they are read; only duplicates keep their cells.
  const lines = (cells: string, when = 'true') =>
    [
      `CASE WHEN ${when} THEN ${csvLine(cells, escape)} END AS line`,
      ...(records ? [`CASE WHEN ${when} THEN ${jsonLine(cells, fields, records.types)} END AS record`] : []),
      ...(measure ? [`CASE WHEN ${when} THEN ${measuredList(measure, cellOf(cells))} END AS measured`] : []),
    ].join(', ');
  await db.run(`CREATE TEMP TABLE rows AS SELECT r.file_index, r.row_in_file, d.group_key, ${lines('r.cells', 'd.group_key IS NULL')},
      CASE WHEN d.group_key IS NOT NULL THEN r.cells END AS cells
    FROM (${rowsOf(staged, fields)}) r LEFT JOIN duplicates d USING (file_index, row_in_file)`);
  await mergeDuplicates(db, dedupe?.policy ?? 'first');
  await db.run(`CREATE TEMP TABLE merged_lines AS SELECT file_index, row_in_file, ${lines('cells')} FROM merged`);
  // Lines are narrow enough to sort cheaply; the rows stay in one table (not copied again) until written.
  const all = (column: string) =>
    `(SELECT file_index, row_in_file, ${column} FROM rows WHERE group_key IS NULL UNION ALL SELECT file_index, row_in_file, ${column} FROM merged_lines)`;
  await writeLines(
    db,
    `SELECT line FROM (SELECT -1 AS file_index, 0 AS row_in_file, ${csvHeaderLine(fields, escape)} AS line UNION ALL SELECT * FROM ${all('line')}) ORDER BY file_index, row_in_file`,
    output,
  );
  const batches = records ? await writeRecordLines(db, all('record'), 'file_index, row_in_file', records.output) : undefined;
  if (measure) await db.run(`CREATE TEMP TABLE ${MEASURED_TABLE} AS SELECT measured AS cells FROM ${all('measured')}`);
  const totals = await db.runAndReadAll(`SELECT (SELECT count(*) FROM keyed), (SELECT count(*) FROM rows WHERE group_key IS NULL) + (SELECT count(*) FROM merged),
    (SELECT coalesce(sum(filled), 0) FROM merged), (SELECT coalesce(sum(conflicts), 0) FROM merged)`);
  const [rowsIn, rowsOut, fieldsMerged, conflicts] = totals.getRows()[0].map(Number);
  // A pipeline merges each of its datasets in the same session.
  for (const table of ['keyed', 'reps', 'duplicates', 'rows', 'merged', 'merged_lines']) await db.run(`DROP TABLE IF EXISTS ${table}`);
  return { stats: { rowsIn, rowsOut, duplicatesRemoved: rowsIn - rowsOut, fieldsMerged, conflicts }, ...(batches ? { records: batches } : {}) };
}
