import { createReadStream } from 'node:fs';

import { parse } from 'csv-parse';

import { sqlLiteral } from './duckdb-session';

/**
 * The longest line DuckDB reads from a staged or result file. Parsing admits rows up to 32 MiB and
 * re-quoting can double a row, so 128 MiB leaves room; DuckDB's default (2 MB) failed whole files.
 */
export const MAX_CSV_LINE_BYTES = 128 * 1024 * 1024;

// The files read here are written by csv-stringify or DuckDB: the dialect is known, so it is fixed
// rather than sniffed (a sniffer can pick another delimiter for a one-column file full of semicolons).
const DIALECT = `delim = ',', quote = '"', escape = '"', header = true, max_line_size = ${MAX_CSV_LINE_BYTES}`;

/** read_csv of CSVs this system wrote, with the columns and types given (nothing sniffed). */
export function readCsvColumns(files: string | string[], columns: Record<string, string>): string {
  const list = Array.isArray(files) ? `[${files.map(sqlLiteral).join(', ')}]` : sqlLiteral(files);
  const struct = Object.entries(columns)
    .map(([name, type]) => `${sqlLiteral(name)}: ${sqlLiteral(type)}`)
    .join(', ');
  return `read_csv(${list}, ${DIALECT}, auto_detect = false, columns = {${struct}})`;
}

/**
 * read_csv of a file whose header is known, its columns named c0…cN by position: header names
 * may repeat, differ only in case, or be empty, none of which DuckDB identifiers survive.
 */
export function readCsvByPosition(file: string, columnCount: number): string {
  return readCsvColumns(file, Object.fromEntries(Array.from({ length: columnCount }, (_, index) => [`c${index}`, 'VARCHAR'])));
}

/** A CSV file read by position: its header names, and the c0…cN column each name is read into (the first, if repeated). */
export interface PositionalCsv {
  names: string[];
  /** A read_csv table expression with the columns c0…cN. */
  source: string;
  has(name: string): boolean;
  /** The column `name` is read into, as SQL; NULL when the file has no such column. */
  column(name: string): string;
  /** Every column in header order, as SQL. */
  columns: string[];
}

/**
 * Reads `file`'s header, or null for an empty file (no header at all). The first `reserved` columns
 * are never found by name: they hold what the system added (a staged file's source line).
 */
export async function positionalCsv(file: string, reserved: (names: string[]) => number = () => 0): Promise<PositionalCsv | null> {
  const names = await readCsvHeader(file);
  if (!names?.length) return null;
  const skipped = reserved(names);
  const positionOf = new Map<string, number>();
  names.forEach((name, position) => position < skipped || positionOf.has(name) || positionOf.set(name, position));
  return {
    names,
    source: readCsvByPosition(file, names.length),
    has: (name) => positionOf.has(name),
    column: (name) => (positionOf.has(name) ? `c${positionOf.get(name)}` : 'NULL::VARCHAR'),
    columns: names.map((_, position) => `c${position}`),
  };
}

/** A CSV file's header row as written (an empty file has none). Reads only as far as the first record. */
export async function readCsvHeader(file: string): Promise<string[] | null> {
  const source = createReadStream(file);
  const records = source.pipe(parse({ to: 1, relax_column_count: true, bom: true }));
  try {
    for await (const record of records as AsyncIterable<string[]>) return record;
    return null;
  } finally {
    source.destroy();
  }
}
