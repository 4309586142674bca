import { isDataValueCell, isNumericCell } from './cell-kinds';
import { isBlankRecord } from './consistency-score';
import type { SampleRecord } from './split-sample';

/** How many records back a table may reach over rows of another width (a stray quote, a ragged row) to an earlier row of its width. */
const REACH_BACK = 3;
/** How many of the table's first rows may be passed over for one that looks more like a header (padded title lines). */
const HEADER_CANDIDATES = 5;

/** Where the table of a sample begins: its header record and its width (1 when every row holds one field). */
export interface TableStart {
  header: SampleRecord | undefined;
  width: number;
}

/**
 * Finds the header of the table in a sample read with its dialect. Title lines, notes, `key: value` lines and blank lines
 * above a table have another width than its rows: the table is the longest run of rows of one width (blank lines do not
 * break it; a run counts more for wider rows), reaching back over the odd ragged row to earlier rows of its width. Its
 * header is the first of its rows that looks like one — mostly filled, not numbers, distinct — passing over rows of its
 * width that are mostly empty (a title padded with delimiters) or set apart by a blank line; without one, or with nothing above the table, its first
 * filled row.
 */
export function findTableStart(records: SampleRecord[]): TableStart {
  // Blank records do not break a run of rows, but a table does not reach back across one to a line of its width.
  const rows: SampleRecord[] = [];
  const afterBlank = new Set<SampleRecord>();
  let blank = false;
  for (const record of records) {
    if (isBlankRecord(record)) blank = rows.length > 0;
    else {
      if (blank) afterBlank.add(record);
      rows.push(record);
      blank = false;
    }
  }
  if (rows.length === 0) return { header: undefined, width: 1 };
  const run = widestLongestRun(rows);
  if (!run) {
    // No two rows in a row agree: a ragged table when most rows have several fields, else one column (with a stray delimiter or two).
    const wide = rows.find((row) => row.cells.length >= 2);
    return wide && rows.filter((row) => row.cells.length >= 2).length * 2 >= rows.length ? { header: wide, width: wide.cells.length } : { header: rows[0], width: 1 };
  }
  const { width } = run;
  let start = run.start;
  for (let reach = true; reach;) {
    reach = false;
    for (let back = 1; back <= REACH_BACK && start - back >= 0 && !afterBlank.has(rows[start - back + 1]); back++) {
      if (rows[start - back].cells.length === width) {
        start -= back;
        reach = true;
        break;
      }
    }
  }
  if (start > 0 && !afterBlank.has(rows[start]) && isHeaderOffByTrailingDelimiters(rows[start - 1], rows.slice(start, run.start + run.length)))
    return { header: rows[start - 1], width };
  let fallback: SampleRecord | undefined;
  let seen = 0;
  for (let i = start; i < rows.length && seen < HEADER_CANDIDATES; i++) {
    const row = rows[i];
    if (row.cells.length !== width) continue;
    seen++;
    if (mostlyEmpty(row.cells)) continue;
    // A title of the table's width set apart by a blank line from a header-like row.
    const next = rows[i + 1];
    if (next && afterBlank.has(next) && next.cells.length === width && looksLikeHeader(next.cells)) continue;
    // With nothing above the table, its first filled row is the header, whatever it holds.
    if (start === 0 || looksLikeHeader(row.cells)) return { header: row, width };
    fallback ??= row;
  }
  // No row of the table looks like a header, and the line right above it does: a header narrower (or wider) than its rows.
  const above = rows[start - 1];
  if (above && start === 1 && !afterBlank.has(rows[start]) && above.cells.length >= 2 && looksLikeHeader(above.cells)) return { header: above, width };
  return { header: fallback ?? rows[start], width };
}

/** The run of consecutive rows of one width (at least two rows, at least two fields) with the most weight, rows × (width − 1) / width; the earliest on a tie. */
function widestLongestRun(rows: SampleRecord[]): { start: number; length: number; width: number } | undefined {
  let best: { start: number; length: number; width: number; weight: number } | undefined;
  let i = 0;
  while (i < rows.length) {
    const width = rows[i].cells.length;
    let j = i + 1;
    while (j < rows.length && rows[j].cells.length === width) j++;
    const length = j - i;
    const weight = (length * (width - 1)) / width;
    if (width >= 2 && (length >= 2 || rows.length === 1) && (!best || weight > best.weight)) best = { start: i, length, width, weight };
    i = j;
  }
  return best;
}

/** A header narrower than rows that all end with empty fields, or wider by empty fields only: lines written with trailing delimiters. */
function isHeaderOffByTrailingDelimiters(candidate: SampleRecord, table: SampleRecord[]): boolean {
  const width = candidate.cells.length;
  if (width < 2 || table.length === 0 || !looksLikeHeader(candidate.cells)) return false;
  const tableWidth = table[0].cells.length;
  if (width > tableWidth) return candidate.cells.slice(tableWidth).every((cell) => cell.trim() === '');
  const padded = table.filter((row) => row.cells.slice(width).every((cell) => cell.trim() === '')).length;
  return padded >= table.length * 0.9;
}

function mostlyEmpty(cells: string[]): boolean {
  return cells.filter((cell) => cell.trim() !== '').length * 2 < cells.length;
}

/** Mostly non-empty, mostly not numbers or dates, no email or URL among them, and mostly distinct. */
export function looksLikeHeader(cells: string[]): boolean {
  const filled = cells.map((cell) => cell.trim()).filter((cell) => cell !== '');
  if (filled.length * 2 < cells.length) return false;
  if (filled.some(isDataValueCell)) return false;
  const numeric = filled.filter(isNumericCell).length;
  if (numeric * 2 > filled.length) return false;
  return new Set(filled.map((cell) => cell.toLowerCase())).size * 2 > filled.length;
}
