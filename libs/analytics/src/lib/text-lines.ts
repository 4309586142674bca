import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldType } from '@sluice/contracts';
import { neutraliseFormula } from '@sluice/core';

import { sqlLiteral } from './duckdb-session';

// Wide rows are handled as one list of cells and written as ready-made lines: DuckDB's cost grows
// with every expression in a select list (a per-column CASE took seconds at 900 columns and ran out of
// memory at 10,000), while one lambda over a list costs the same at 10 columns or 20,000.

// Same rule as neutraliseFormula in @sluice/core: cells that start like a formula get a leading ',
// plain numbers excepted. ascii() keeps the regular expression off the common case.
const FORMULA_PREFIX = (cell: string) =>
  `CASE WHEN ascii(${cell}) IN (61, 43, 45, 64, 9, 13) AND NOT regexp_matches(${cell}, '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$') THEN '''' ELSE '' END`;

/** One cell as CSV text (RFC 4180 quoting; NULL is empty), neutralised against formula injection when it is for download. */
const csvCell = (cell: string, escape: boolean) => {
  const prefix = escape ? `${FORMULA_PREFIX(cell)} || ` : '';
  return `CASE WHEN ${cell} IS NULL THEN '' WHEN regexp_matches(${cell}, '[,"\\r\\n]') THEN '"' || ${prefix}replace(${cell}, '"', '""') || '"' ELSE ${prefix}${cell} END`;
};

/**
 * A list of text cells as one CSV line, every cell neutralised; `escape: false` for a file only this
 * system reads back (a pipeline's merged datasets), whose values must stay as they are.
 */
export function csvLine(cells: string, escape = true): string {
  return `array_to_string(list_transform(${cells}, lambda cell: ${csvCell('cell', escape)}), ',')`;
}

/** A header row as one CSV line, a SQL literal; names are cells too (a kept column may be called "=cmd|…"). */
export function csvHeaderLine(names: string[], escape = true): string {
  const quoted = names.map((name) => (escape ? String(neutraliseFormula(name)) : name)).map((name) => (/[,"\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name));
  return sqlLiteral(quoted.join(','));
}

const JSON_TYPES: Partial<Record<FieldType, string>> = { int: 'BIGINT', decimal: 'DOUBLE', bool: 'BOOLEAN' };

/**
 * A list of text cells as one JSON object per the names, numbers and booleans typed per field (a value
 * that does not cast is null). Runs of untyped columns go through one lambda, typed ones one by one.
 */
export function jsonLine(list: string, names: string[], types: Record<string, FieldType | undefined>): string {
  const cells = `(${list})`;
  const parts: string[] = [];
  for (let start = 0; start < names.length;) {
    const sqlType = JSON_TYPES[types[names[start]] ?? 'string'];
    const key = (name: string) => `${JSON.stringify(name)}:`;
    if (sqlType) {
      parts.push(`${sqlLiteral(key(names[start]))} || coalesce(to_json(TRY_CAST(${cells}[${start + 1}] AS ${sqlType}))::VARCHAR, 'null')`);
      start += 1;
      continue;
    }
    let end = start;
    while (end < names.length && !JSON_TYPES[types[names[end]] ?? 'string']) end += 1;
    const keys = `[${names
      .slice(start, end)
      .map((name) => sqlLiteral(key(name)))
      .join(', ')}]`;
    // Zipped, not indexed from the lambda: a constant captured by a lambda is rebuilt for every element.
    parts.push(`array_to_string(list_transform(list_zip(${keys}, ${cells}[${start + 1}:${end}]), lambda pair: pair[1] || coalesce(to_json(pair[2])::VARCHAR, 'null')), ',')`);
    start = end;
  }
  // One variadic call, not a chain of ||: a chain nests one level per part (DuckDB stops at 1,000).
  return parts.length ? `concat('{', concat_ws(',', ${parts.join(', ')}), '}')` : `'{}'`;
}

/** Writes `query`'s single text column to `output` line by line, exactly as it is (no quoting added). */
export async function writeLines(db: DuckDBConnection, query: string, output: string): Promise<void> {
  await db.run(`COPY (${query}) TO ${sqlLiteral(output)} (FORMAT CSV, HEADER false, QUOTE '', ESCAPE '')`);
}
