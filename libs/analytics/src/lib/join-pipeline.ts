import type { FieldType, JoinAggregate, JoinStep } from '@sluice/contracts';

import type { DuckDBConnection } from '@duckdb/node-api';

import { positionalCsv } from './csv-files';
import { MEASURED_TABLE, measuredList } from './measured-rows';
import { RecordBatches, writeRecordLines } from './record-batches';
import { csvHeaderLine, csvLine, jsonLine, writeLines } from './text-lines';
import { typedColumn } from './typed-columns';

export interface JoinPipelineInput {
  base: string;
  joins: JoinStep[];
  /** Each dataset's merged, de-duplicated CSV; a dataset without one joins as an empty table. */
  files: Record<string, string>;
  /** Every dataset's fields with their types. */
  fieldTypes: Record<string, Record<string, FieldType>>;
  /** Where to write the joined result CSV (the "final sheet"). */
  output: string;
  /** Also write the joined records as newline-delimited JSON, typed per column. */
  records?: { output: string; types: Record<string, FieldType> };
  /** Also keep these columns of every result row, unescaped, in the measured table (see MeasuredRows). */
  measure?: string[];
}

export interface JoinPipelineStats {
  rowsOut: number;
  /** Per joined dataset: result rows that found a match. */
  matched: Record<string, number>;
}

export interface JoinPipelineOutcome {
  stats: JoinPipelineStats;
  /** The records file's batches, when records were asked for. */
  records?: RecordBatches;
}

// Keys compare case- and space-insensitively: exports disagree on how they spell an email.
const key = (reference: string) => `lower(trim(${reference}))`;

function folded(aggregate: JoinAggregate, column: string, type: FieldType | undefined): string {
  const value = typedColumn(column, type);
  if (aggregate === 'any') return `any_value(${value})`;
  if (aggregate === 'count') return `count(${value})`;
  return `${aggregate}(${value})`;
}

/** A dataset's table: its header names and a query whose columns c0…cN hold them in order. */
interface Table {
  names: string[];
  query: string;
}

/** Reads a merged CSV by position (names may repeat or differ only in case), or an empty table of the dataset's fields. */
async function tableOf(file: string | undefined, fields: Record<string, FieldType>): Promise<Table> {
  const csv = file ? await positionalCsv(file) : null;
  if (csv) return { names: csv.names, query: `SELECT ${csv.columns.join(', ')} FROM ${csv.source}` };
  const names = Object.keys(fields);
  return { names, query: `SELECT ${['NULL::VARCHAR AS _none', ...names.map((_, i) => `NULL::VARCHAR AS c${i}`)].join(', ')} WHERE false` };
}

/** The column a name is read into (the first, if repeated); a name the table lacks reads as NULL. */
function columnOf(names: string[], name: string, qualifier = ''): string {
  const position = names.indexOf(name);
  return position < 0 ? 'NULL::VARCHAR' : `${qualifier}c${position}`;
}

/**
 * Joins datasets per a pipeline, in DuckDB: each join first folds the right side to one row per key
 * (summing opens per email and send date), so a join never multiplies base rows. Runs on the
 * caller's DuckDB session.
 */
export async function joinPipeline(db: DuckDBConnection, { base, joins, files, fieldTypes, output, records, measure }: JoinPipelineInput): Promise<JoinPipelineOutcome> {
  const baseTable = await tableOf(files[base], fieldTypes[base] ?? {});
  const sides = await Promise.all(joins.map((join) => tableOf(files[join.dataset], fieldTypes[join.dataset] ?? {})));
  // The base's cells travel as one list (a wide base costs one expression, not one per column);
  // joined columns are few and stay columns x0, x1, …
  const names = [...baseTable.names];
  const added: string[] = [];
  const columnOfResult = (name: string) => {
    const position = names.indexOf(name);
    if (position < 0) return 'NULL::VARCHAR';
    return position < baseTable.names.length ? `r.cells[${position + 1}]` : `r.${added[position - baseTable.names.length]}`;
  };
  await db.run(`CREATE TEMP TABLE result AS SELECT row_number() OVER () AS _row, list_value(${baseTable.names.map((_, i) => `c${i}`).join(', ')})::VARCHAR[] AS cells
    FROM (${baseTable.query})`);
  const matched: Record<string, number> = {};
  for (const [index, join] of joins.entries()) {
    const side = sides[index];
    const types = fieldTypes[join.dataset] ?? {};
    const keys = join.on.map((pair, k) => `${key(columnOf(side.names, pair.right))} AS k${k}`);
    const folds = join.columns.map((c, j) => `${folded(c.aggregate, columnOf(side.names, c.field), types[c.field])} AS a${j}`);
    await db.run(`CREATE TEMP TABLE side${index} AS SELECT ${[...keys, ...folds].join(', ')}
      FROM (${side.query}) WHERE ${join.on.map((pair) => `${columnOf(side.names, pair.right)} IS NOT NULL`).join(' AND ')}
      GROUP BY ALL`);
    const condition = join.on.map((pair, k) => `${key(columnOfResult(pair.left))} = s.k${k}`).join(' AND ');
    const joined = join.columns.map((_, j) => `x${added.length + j}`);
    await db.run(`CREATE OR REPLACE TEMP TABLE result AS SELECT ${['r._row', 's.k0 IS NOT NULL AS _matched', 'r.cells', ...added.map((x) => `r.${x}`), ...joined.map((x, j) => `s.a${j}::VARCHAR AS ${x}`)].join(', ')}
      FROM result r ${join.type === 'inner' ? 'JOIN' : 'LEFT JOIN'} side${index} s ON ${condition}`);
    const [[count]] = (await db.runAndReadAll('SELECT count(*) FILTER (WHERE _matched) FROM result')).getRows();
    matched[join.dataset] = Number(count);
    names.push(...join.columns.map((c) => c.as ?? c.field));
    added.push(...joined);
  }
  // Joins do not keep row order: the base's order is restored. Cells are neutralised like every download.
  const cells = added.length ? `list_concat(cells, [${added.join(', ')}])` : 'cells';
  await writeLines(db, `SELECT line FROM (SELECT 0 AS _row, ${csvHeaderLine(names)} AS line UNION ALL SELECT _row, ${csvLine(cells)} FROM result) ORDER BY _row`, output);
  let batches: RecordBatches | undefined;
  if (records) {
    await db.run(`CREATE TEMP TABLE records AS SELECT _row, ${jsonLine(cells, names, records.types)} AS record FROM result`);
    batches = await writeRecordLines(db, 'records', '_row', records.output);
    await db.run('DROP TABLE records');
  }
  if (measure) await db.run(`CREATE TEMP TABLE ${MEASURED_TABLE} AS SELECT ${measuredList(measure, columnOfResult)} AS cells FROM result r`);
  const [[rows]] = (await db.runAndReadAll('SELECT count(*) FROM result')).getRows();
  return { stats: { rowsOut: Number(rows), matched }, ...(batches ? { records: batches } : {}) };
}
