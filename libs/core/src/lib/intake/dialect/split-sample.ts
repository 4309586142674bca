import type { CsvDialect } from '@sluice/contracts';

/** How a cell was read: as plain text, as a properly closed quoted field, or recovered from a quote that did not close well. */
export type CellForm = 'plain' | 'quoted' | 'malformed';

/** One record of a sample: the physical line it starts on (1-based, relative to the sample), its cells and how each was read. */
export interface SampleRecord {
  line: number;
  cells: string[];
  forms: CellForm[];
}

const CR = 13;
const LF = 10;
const SPACE = 32;
const BACKSLASH = 92;

/**
 * Splits a sample into records with one dialect, tolerantly: it never fails, it only has to show what the sample looks
 * like read that way. A quote opens a field only at its start (after optional spaces); a quoted field whose closing quote is
 * not followed by a delimiter or a line end (or that never closes) is read again as plain text up to the next delimiter,
 * and marked malformed — so one stray quote damages one field, not the rest of the sample. `\r\n`, `\n` and `\r` each end
 * a line, inside quoted fields too. When `truncated`, a last record still inside a quote at the end is dropped.
 */
export function splitSample(text: string, dialect: CsvDialect, truncated: boolean): SampleRecord[] {
  const delimiter = dialect.delimiter.charCodeAt(0);
  const quote = dialect.quote === '' ? -1 : dialect.quote.charCodeAt(0);
  const backslashEscape = dialect.escape === '\\';
  const doubledEscape = dialect.escape === '"';
  const n = text.length;
  const records: SampleRecord[] = [];
  let pos = 0;
  let line = 1;

  /** Reads a plain field from `from`; returns where it ends (at a delimiter, a line break or the end). */
  const plainEnd = (from: number): number => {
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === delimiter || c === LF || c === CR) break;
      i++;
    }
    return i;
  };

  while (pos < n) {
    const record: SampleRecord = { line, cells: [], forms: [] };
    let cutInQuote = false;
    for (;;) {
      let start = pos;
      while (start < n && text.charCodeAt(start) === SPACE) start++;
      if (quote >= 0 && start < n && text.charCodeAt(start) === quote) {
        let i = start + 1;
        let value = '';
        let from = i;
        let closed = false;
        let lines = 0;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (backslashEscape && c === BACKSLASH && i + 1 < n) {
            const next = text.charCodeAt(i + 1);
            if (next === quote || next === BACKSLASH) {
              value += text.slice(from, i);
              from = i + 1;
              i += 2;
              continue;
            }
          }
          if (c === quote) {
            if (doubledEscape && i + 1 < n && text.charCodeAt(i + 1) === quote) {
              value += text.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            value += text.slice(from, i);
            closed = true;
            i++;
            break;
          }
          if (c === CR) {
            lines++;
            if (i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
          } else if (c === LF) lines++;
          i++;
        }
        let after = i;
        while (after < n && text.charCodeAt(after) === SPACE) after++;
        const endsWell = closed && (after >= n || text.charCodeAt(after) === delimiter || text.charCodeAt(after) === LF || text.charCodeAt(after) === CR);
        if (endsWell) {
          record.cells.push(value);
          record.forms.push('quoted');
          line += lines;
          pos = after;
        } else {
          if (!closed && truncated) cutInQuote = true;
          pos = plainEnd(pos);
          record.cells.push(text.slice(start, pos));
          record.forms.push('malformed');
        }
      } else {
        const end = plainEnd(pos);
        record.cells.push(text.slice(pos, end));
        record.forms.push('plain');
        pos = end;
      }
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      pos++;
      if (c === delimiter) {
        if (pos >= n) {
          record.cells.push('');
          record.forms.push('plain');
          break;
        }
        continue;
      }
      if (c === CR && pos < n && text.charCodeAt(pos) === LF) pos++;
      line++;
      break;
    }
    if (cutInQuote) break;
    records.push(record);
  }
  return records;
}
