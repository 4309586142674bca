import { createReadStream } from 'node:fs';

import { parse } from 'csv-parse';

import { sqlLiteral } from './duckdb-session';
import { longestRecordBytes } from './longest-record';

/**
 * The longest line DuckDB reads from a staged or result file. Parsing admits rows up to 32 MiB and
 * re-quoting can double a row, so 128 MiB leaves room; DuckDB's default (2 MB) failed whole files.
 */
export const MAX_CSV_LINE_BYTES = 128 * 1024 * 1024;

/** DuckDB's own max_line_size, and the read buffer it pairs with (16 lines' worth). */
const DEFAULT_LINE_BYTES = 2 * 1024 * 1024;
const DEFAULT_BUFFER_BYTES = 32 * 1024 * 1024;

/**
 * How long a line DuckDB is told to expect, and the read buffer to hold it: sized from the file's
 * longest record rather than the longest allowed, because DuckDB allocates buffers from these up front
 * (16 × 128 MiB = 2 GiB, which a session's memory limit refuses). Never past MAX_CSV_LINE_BYTES: a
 * longer record is reported by DuckDB as a row too large.
 */
export function lineSizesFor(longestRecord: number): { maxLineSize: number; bufferSize: number } {
  const maxLineSize = Math.min(MAX_CSV_LINE_BYTES, Math.max(DEFAULT_LINE_BYTES, longestRecord + 1024));
  return { maxLineSize, bufferSize: Math.max(DEFAULT_BUFFER_BYTES, 2 * maxLineSize) };
}

/**
 * read_csv of CSVs this system wrote, with the columns and types given (nothing sniffed). The dialect
 * is known, so it is fixed rather than sniffed (a sniffer can pick another delimiter for a one-column
 * file full of semicolons). `longestRecord`: the longest record's bytes, when known (see lineSizesFor).
 */
export function readCsvColumns(files: string | string[], columns: Record<string, string>, longestRecord = MAX_CSV_LINE_BYTES): string {
  const list = Array.isArray(files) ? `[${files.map(sqlLiteral).join(', ')}]` : sqlLiteral(files);
  const struct = Object.entries(columns)
    .map(([name, type]) => `${sqlLiteral(name)}: ${sqlLiteral(type)}`)
    .join(', ');
  const { maxLineSize, bufferSize } = lineSizesFor(longestRecord);
  const dialect = `delim = ',', quote = '"', escape = '"', header = true, max_line_size = ${maxLineSize}, buffer_size = ${bufferSize}`;
  return `read_csv(${list}, ${dialect}, auto_detect = false, columns = {${struct}})`;
}

/**
 * read_csv of a file whose header is known, its columns named c0…cN by position: header names
 * may repeat, differ only in case, or be empty, none of which DuckDB identifiers survive.
 */
export function readCsvByPosition(file: string, columnCount: number, longestRecord?: number): string {
  return readCsvColumns(file, Object.fromEntries(Array.from({ length: columnCount }, (_, index) => [`c${index}`, 'VARCHAR'])), longestRecord);
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
  const longestRecord = await longestRecordBytes(file);
  const skipped = reserved(names);
  const positionOf = new Map<string, number>();
  names.forEach((name, position) => position < skipped || positionOf.has(name) || positionOf.set(name, position));
  return {
    names,
    source: readCsvByPosition(file, names.length, longestRecord),
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
