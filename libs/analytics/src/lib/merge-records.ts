import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldType, MergeStatsView } from '@sluice/contracts';

import { ident, sqlLiteral, withDuckDb } from './duckdb-session';
import { typedColumn } from './typed-columns';

export interface MergeDedupe {
  keys: string[][];
  policy: 'first' | 'most_recent' | 'most_complete';
  fuzzy?: { field: string; blockBy?: string; threshold: number };
}

export interface MergeInput {
  /** Staged CSVs (header = `fields`), in the order the job's files were uploaded. */
  files: string[];
  fields: string[];
  dedupe?: MergeDedupe;
  /** Where to write the merged CSV. */
  output: string;
  /** Also write the merged records as newline-delimited JSON, numbers and booleans typed per field. */
  records?: { output: string; types: Record<string, FieldType> };
}

export type MergeStats = MergeStatsView;

const norm = (expression: string) => `trim(regexp_replace(lower(${expression}), '[^a-z0-9]+', ' ', 'g'))`;
// Same rule as neutraliseFormula in @sluice/core, applied inside DuckDB so rows never pass through JS.
const neutralised = (column: string) =>
  `CASE WHEN regexp_matches(${column}, '^[=+\\-@\\t\\r]') AND NOT regexp_matches(${column}, '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$') THEN '''' || ${column} ELSE ${column} END`;

const PRIORITY: Record<MergeDedupe['policy'], (fields: string[]) => string> = {
  first: () => 'file_index, row_in_job',
  most_recent: () => 'file_index DESC, row_in_job DESC',
  most_complete: (fields) => `(${fields.map((f) => `(${ident(f)} IS NOT NULL)::INT`).join(' + ')}) DESC, file_index, row_in_job`,
};

function groupKey(dedupe: MergeDedupe | undefined): string {
  const alternatives = (dedupe?.keys ?? []).map((fields, index) => {
    const filled = fields.map((f) => `${ident(f)} IS NOT NULL`).join(' AND ');
    const value = fields.map((f) => norm(ident(f))).join(` || '|' || `);
    return `CASE WHEN ${filled} THEN 'k${index}:' || ${value} END`;
  });
  return `COALESCE(${[...alternatives, `'row:' || row_in_job`].join(', ')})`;
}

/** Joins groups whose names are similar within a block; only matching pairs leave DuckDB. */
async function applyFuzzy(db: DuckDBConnection, fuzzy: NonNullable<MergeDedupe['fuzzy']>): Promise<void> {
  const name = norm(`any_value(${ident(fuzzy.field)})`);
  // Without a block field, names are only compared with names that start alike.
  const block = fuzzy.blockBy ? norm(`any_value(${ident(fuzzy.blockBy)})`) : `left(${name}, 3)`;
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

/**
 * Merges a job's staged files into one CSV, de-duplicating per the dataset: one surviving record
 * per group, its empty fields filled from the others in policy order, conflicts counted.
 */
export async function mergeRecords({ files, fields, dedupe, output, records }: MergeInput): Promise<MergeStats> {
  return withDuckDb(async (db) => {
    // Files may carry different kept columns: each is read by its own header and aligned by name;
    // an empty typed row set guarantees every output column exists.
    const empty = `SELECT ${fields.map((f) => `NULL::VARCHAR AS ${ident(f)}`).join(', ')}, 0 AS file_index WHERE false`;
    const parts = files.map((file, index) => `SELECT *, ${index} AS file_index FROM read_csv(${sqlLiteral(file)}, header = true, all_varchar = true)`);
    const source = [empty, ...parts].join(' UNION ALL BY NAME ');
    await db.run(`CREATE TEMP VIEW rows AS SELECT ${[...fields.map(ident), 'file_index'].join(', ')}, row_number() OVER () AS row_in_job FROM (${source})`);
    await db.run(`CREATE TEMP TABLE keyed AS SELECT *, ${groupKey(dedupe)} AS group_key FROM rows`);
    if (dedupe?.fuzzy) await applyFuzzy(db, dedupe.fuzzy);
    // Most groups hold one record: those pass straight through; only real duplicates are aggregated.
    await db.run(`CREATE TEMP TABLE sized AS SELECT *, count(*) OVER (PARTITION BY group_key) AS group_size FROM keyed`);
    await db.run('DROP TABLE keyed');
    await db.run(`CREATE TEMP TABLE ranked AS SELECT *, row_number() OVER (PARTITION BY group_key ORDER BY ${PRIORITY[dedupe?.policy ?? 'first'](fields)}) AS priority
      FROM sized WHERE group_size > 1`);

    const merged = fields.map((f) => `arg_min(${ident(f)}, priority) FILTER (WHERE ${ident(f)} IS NOT NULL) AS ${ident(f)}`);
    const filled = fields.map((f) => `(max(${ident(f)}) FILTER (WHERE priority = 1) IS NULL AND count(${ident(f)}) > 0)::INT`);
    const conflicting = fields.map((f) => `(count(DISTINCT ${ident(f)}) > 1)::INT`);
    await db.run(`CREATE TEMP TABLE merged AS
      SELECT ${fields.map(ident).join(', ')}, row_in_job AS first_row, 0 AS fields_merged, 0 AS conflicts FROM sized WHERE group_size = 1
      UNION ALL
      SELECT ${merged.join(', ')}, min(row_in_job), ${filled.join(' + ')}, ${conflicting.join(' + ')} FROM ranked GROUP BY group_key`);

    await db.run(`COPY (SELECT ${fields.map((f) => `${neutralised(ident(f))} AS ${ident(f)}`).join(', ')} FROM merged ORDER BY first_row)
      TO ${sqlLiteral(output)} (HEADER, DELIMITER ',')`);
    if (records) {
      await db.run(`COPY (SELECT ${fields.map((f) => `${typedColumn(f, records.types[f])} AS ${ident(f)}`).join(', ')} FROM merged ORDER BY first_row)
        TO ${sqlLiteral(records.output)} (FORMAT JSON)`);
    }
    const totals = await db.runAndReadAll(`SELECT (SELECT count(*) FROM sized), count(*), coalesce(sum(fields_merged), 0), coalesce(sum(conflicts), 0) FROM merged`);
    const [rowsIn, rowsOut, fieldsMerged, conflicts] = totals.getRows()[0].map(Number);
    return { rowsIn, rowsOut, duplicatesRemoved: rowsIn - rowsOut, fieldsMerged, conflicts };
  });
}
