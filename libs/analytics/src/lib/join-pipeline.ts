import type { FieldType, JoinAggregate, JoinStep } from '@sluice/contracts';

import { ident, sqlLiteral, withDuckDb } from './duckdb-session';
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
}

export interface JoinPipelineStats {
  rowsOut: number;
  /** Per joined dataset: result rows that found a match. */
  matched: Record<string, number>;
}

// Keys compare case- and space-insensitively: exports disagree on how they spell an email.
const key = (reference: string) => `lower(trim(${reference}))`;

function folded(aggregate: JoinAggregate, column: string, type: FieldType | undefined): string {
  const value = typedColumn(column, type);
  if (aggregate === 'any') return `any_value(${value})`;
  if (aggregate === 'count') return `count(${value})`;
  return `${aggregate}(${value})`;
}

/** Reads a CSV as text columns, or an empty table with the dataset's fields when there is no file. */
function tableOf(file: string | undefined, fields: Record<string, FieldType>): string {
  if (file) return `read_csv(${sqlLiteral(file)}, header = true, all_varchar = true)`;
  return `(SELECT ${Object.keys(fields).map((f) => `NULL::VARCHAR AS ${ident(f)}`).join(', ')} WHERE false)`;
}

/**
 * Joins datasets per a pipeline, in DuckDB: each join first folds the right side to one row per key
 * (summing opens per email and send date), so a join never multiplies base rows.
 */
export async function joinPipeline({ base, joins, files, fieldTypes, output, records }: JoinPipelineInput): Promise<JoinPipelineStats> {
  return withDuckDb(async (db) => {
    await db.run(`CREATE TEMP TABLE result AS SELECT * FROM ${tableOf(files[base], fieldTypes[base] ?? {})}`);
    const matched: Record<string, number> = {};
    for (const [index, join] of joins.entries()) {
      const types = fieldTypes[join.dataset] ?? {};
      const keys = join.on.map((pair, k) => `${key(ident(pair.right))} AS k${k}`);
      const columns = join.columns.map((c) => `${folded(c.aggregate, c.field, types[c.field])} AS ${ident(c.as ?? c.field)}`);
      await db.run(`CREATE TEMP TABLE side${index} AS SELECT ${[...keys, ...columns].join(', ')}
        FROM ${tableOf(files[join.dataset], types)} WHERE ${join.on.map((pair) => `${ident(pair.right)} IS NOT NULL`).join(' AND ')}
        GROUP BY ALL`);
      const condition = join.on.map((pair, k) => `${key(`r.${ident(pair.left)}`)} = s.k${k}`).join(' AND ');
      const added = join.columns.map((c) => `s.${ident(c.as ?? c.field)}`);
      await db.run(`CREATE OR REPLACE TEMP TABLE result AS SELECT r.*, ${added.join(', ')}, s.k0 IS NOT NULL AS _matched
        FROM result r ${join.type === 'inner' ? 'JOIN' : 'LEFT JOIN'} side${index} s ON ${condition}`);
      const [[count]] = (await db.runAndReadAll('SELECT count(*) FILTER (WHERE _matched) FROM result')).getRows();
      matched[join.dataset] = Number(count);
      await db.run('ALTER TABLE result DROP COLUMN _matched');
    }
    await db.run(`COPY result TO ${sqlLiteral(output)} (HEADER, DELIMITER ',')`);
    if (records) {
      const names = (await db.runAndReadAll('SELECT column_name FROM (DESCRIBE result)')).getRows().map(([name]) => String(name));
      await db.run(`COPY (SELECT ${names.map((n) => `${typedColumn(n, records.types[n])} AS ${ident(n)}`).join(', ')} FROM result)
        TO ${sqlLiteral(records.output)} (FORMAT JSON)`);
    }
    const [[rows]] = (await db.runAndReadAll('SELECT count(*) FROM result')).getRows();
    return { rowsOut: Number(rows), matched };
  });
}
