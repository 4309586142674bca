import { FileRejection } from './file-rejection';

/** How much one file may ask of a worker; every limit is checked as the file streams, before the work it bounds. */
export interface FileLimits {
  /** Columns in the header (and cells in any row). */
  maxColumns: number;
  /** Bytes of the header row. */
  maxHeaderBytes: number;
  /** Bytes of one data row as written in the file; a longer row is rejected on its own. */
  maxRowBytes: number;
  /** Data rows in one file. */
  maxRows: number;
}

const MIB = 1024 * 1024;

/** Wide enough for any spreadsheet export (Excel stops at 16,384 columns); a 16 MB cell fits in a row. */
export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxColumns: 20_000,
  maxHeaderBytes: 8 * MIB,
  maxRowBytes: 32 * MIB,
  maxRows: 50_000_000,
};

/** A file refused because it goes over one of the limits; `limit` says which, so a caller can name its setting. */
export class FileLimitExceeded extends FileRejection {
  constructor(
    readonly limit: keyof FileLimits,
    message: string,
  ) {
    super(message);
  }
}

/** "8 MiB", "1.5 KiB", "512 bytes". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** What a user is told when a file goes over a limit; the worker adds the name of the setting. */
export const limitMessages = {
  columns: (found: number, max: number) => `File has ${count(found)} columns; at most ${count(max)} columns are allowed per file`,
  header: (max: number) => `The header row is larger than ${formatBytes(max)}, the most a header row may be`,
  row: (max: number) => `Row is larger than ${formatBytes(max)}, the most one row may be: it was left out`,
  rows: (max: number) => `File has more than ${count(max)} data rows, the most one file may have: split it into smaller files`,
};
