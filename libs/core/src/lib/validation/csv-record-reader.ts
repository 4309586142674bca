import type { CsvDialect } from '@sluice/contracts';

import type { FileLimits } from './file-limits';
import { FileLimitExceeded, formatBytes, limitMessages } from './file-limits';
import type { RowCells } from './row-cells';
import { LineCells } from './row-cells';

/** What the reader makes of one row of the file; `line` is where the row ends (1-based; \r\n, \n and \r each end a line, inside quotes too). */
export type CsvRecordEvent =
  | { kind: 'record'; cells: RowCells; line: number }
  /** More cells than any file may have columns: the cells are counted, not kept. */
  | { kind: 'too-wide'; cellCount: number; line: number }
  /** Over the row size limit: dropped unread, the rows around it are read as usual. */
  | { kind: 'oversized'; line: number }
  /** A row left out for a misplaced quote: `line` is its first line (where the quote that broke it opened), `text` that line as written. */
  | { kind: 'malformed'; line: number; text: string; reason: string }
  /** An empty line, skipped: reported only when asked (reportEmptyLines). */
  | { kind: 'empty'; line: number };

export type RecordLimits = Pick<FileLimits, 'maxColumns' | 'maxHeaderBytes' | 'maxRowBytes'>;

export interface CsvRecordReaderOptions {
  /** `,` `"` with doubled quotes when absent. */
  dialect?: CsvDialect;
  /** Line number of the text's first line (when the text starts mid-file). */
  firstLine?: number;
  /** Report each empty line skipped as an `empty` event, in its place (a blank line above a second table tells it apart). */
  reportEmptyLines?: boolean;
}

export const DEFAULT_CSV_DIALECT: CsvDialect = { delimiter: ',', quote: '"', escape: '"' };

const LF = 10;
const CR = 13;
const BACKSLASH = 92;

enum Mode {
  /** At the start of a field. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a closing quote, which lookahead has shown is followed by a delimiter or the end of the record. */
  Closed,
  /** A malformed row: its line is passed over to its end, then reading starts afresh. */
  SkipLine,
}

type Problem = 'after-closing' | 'never-closed' | 'too-long';

/** The most of a row's start carried over to the next text; a longer row is read piece by piece instead. */
const CARRY_LIMIT = 1024 * 1024;

/** The most of a rejected line's text kept for its event. */
export const MALFORMED_TEXT_LIMIT = 64 * 1024;

/** Position of the next `char` at or after `from`, remembered so that scanning a text stays linear. */
/**
 * Characters a file's malformed quotes may make the reader read again, in all, besides twice what it has read: past them
 * its quotes are read as text. Long re-reads come from quotes that nothing closes, in files whose quotes then hardly matter.
 */
export const REREAD_ALLOWANCE_CHARS = 16 * 1024 * 1024;

class NextIndex {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  from(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.char === '' ? -1 : this.text.indexOf(this.char, from);
    return this.at === -1 ? Infinity : this.at;
  }
}

/**
 * Splits decoded CSV text into rows, chunk by chunk, in any dialect (delimiter, quote, escape). `\r\n`, `\n` and
 * `\r` each end a record outside quotes and are kept as written inside them. Limits and malformed quotes cost the
 * rows they touch, not the file: a row over the size limit is dropped on its own, and a misplaced quote rejects
 * the first line of its row, after which the lines that follow are read again as fresh rows — a stray quote that
 * swallowed later lines gives them back. A row is never held longer than the row limit, so memory stays bounded;
 * rows without quotes (nearly all rows of a wide file) are split natively, several times faster than csv-parse.
 */
export class CsvRecordReader {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private quote: string;
  /** -1 when the dialect has no quote: no character matches. */
  private quoteCode: number;
  private readonly escape: 'doubled' | 'backslash' | 'none';
  private carry = '';
  /** The last text ended on a `\r` that ended a row: a `\n` starting the next text belongs to it. */
  private afterCR = false;
  private headerRead = false;
  /** Line the current row starts on, and line breaks inside it so far. */
  private startLine: number;
  private breaks = 0;
  /** Characters of the current row consumed so far (before the text being scanned). */
  private chars = 0;
  private cells: string[] = [];
  private cellCount = 0;
  /** Pieces of the current field seen in earlier texts, or before an escaped quote. */
  private parts: string[] = [];
  private closedValue = '';
  private mode = Mode.FieldStart;
  private dropping: 'no' | 'too-wide' | 'oversized' = 'no';
  /** Line where the open quoted field opened. */
  private quoteLine = 0;
  /** The row's first line as written so far, before the text being scanned (cut at MALFORMED_TEXT_LIMIT). */
  private head = '';
  /** The row went past its first line (inside a quoted field); that line's text is kept for a malformed event. */
  private crossed = false;
  /** Characters read again after malformed quotes, and characters given, so far. */
  private rereadChars = 0;
  private charsRead = 0;
  private readonly reportEmptyLines: boolean;
  private firstLineText = '';
  /** Once crossed, the row's raw text after its first line, to read again should the row prove malformed; null past the row limit. */
  private replay: string[] | null = null;
  /** For a row being passed over: why, and its text when it is not the head. */
  private skipReason = '';
  private skipText: string | null = null;
  private events: CsvRecordEvent[] = [];
  /** Delimiter positions of the row being split, reused from row to row. */
  private commaScratch = new Int32Array(1024);

  constructor(
    private readonly limits: RecordLimits,
    options: CsvRecordReaderOptions = {},
  ) {
    const dialect = options.dialect ?? DEFAULT_CSV_DIALECT;
    this.delimiter = dialect.delimiter;
    this.delimiterCode = dialect.delimiter.charCodeAt(0);
    this.quote = dialect.quote;
    this.quoteCode = dialect.quote === '' ? -1 : dialect.quote.charCodeAt(0);
    this.escape = dialect.escape === '\\' ? 'backslash' : dialect.escape === '' ? 'none' : 'doubled';
    this.startLine = options.firstLine ?? 1;
    this.reportEmptyLines = options.reportEmptyLines ?? false;
  }

  /** The rows this text completes; throws a FileLimitExceeded for a header over a limit. */
  push(text: string): CsvRecordEvent[] {
    this.charsRead += text.length;
    this.scan(this.carry + text, false);
    return this.take();
  }

  /** The last row, when the file does not end with a line break. */
  end(): CsvRecordEvent[] {
    this.scan(this.carry, true);
    return this.take();
  }

  private take(): CsvRecordEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private get sizeLimit(): number {
    return this.headerRead ? this.limits.maxRowBytes : this.limits.maxHeaderBytes;
  }

  private currentLine(): number {
    return this.startLine + this.breaks;
  }

  private scan(text: string, final: boolean): void {
    // A malformed row hands back the text to read again; each round moves at least one line on.
    for (let next: string | null = text; next !== null;) next = this.scanText(next, final);
  }

  // The scan is one loop over a state machine; each branch is short, and rows without quotes go to fastRows.
  private scanText(text: string, final: boolean): string | null {
    this.carry = '';
    const n = text.length;
    const nextLF = new NextIndex(text, '\n');
    const nextCR = new NextIndex(text, '\r');
    const nextQuote = new NextIndex(text, this.quote);
    const nextEscape = new NextIndex(text, this.escape === 'backslash' && this.quote !== '' ? '\\' : '');
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    /** Where the current row's characters (or their continuation) start in this text, and the pending field piece. */
    let rowFrom = i;
    let pieceFrom = i;
    /** Where the replay's part in this text starts, when the row crossed its first line in this text. */
    let replayFrom = -1;
    const consumed = (to: number) => this.chars + (to - rowFrom);
    const startRow = (at: number) => {
      i = rowFrom = pieceFrom = at;
      replayFrom = -1;
    };
    const afterBreak = (at: number) => this.breakEnd(text, at, final);
    const countBreaks = (from: number, to: number) => {
      let found = 0;
      for (let at = nextLF.from(from); at < to; at = nextLF.from(at + 1)) found += 1;
      for (let at = nextCR.from(from); at < to; at = nextCR.from(at + 1)) if (text.charCodeAt(at + 1) !== LF) found += 1;
      this.breaks += found;
    };
    const headText = (to: number) => this.head + text.slice(rowFrom, Math.min(to, rowFrom + MALFORMED_TEXT_LIMIT - this.head.length));
    /** A misplaced quote found at `at`: the text to read again, or null when reading goes on from `i`. */
    const fail = (at: number, problem: Problem): string | null => {
      const first = this.startLine;
      const reason = this.malformedReason(problem, this.currentLine());
      if (this.crossed && this.replay !== null && (problem === 'too-long' || problem === 'never-closed' || consumed(at) <= this.sizeLimit)) {
        const again = this.replay.join('') + text.slice(replayFrom >= 0 ? replayFrom : rowFrom);
        this.events.push({ kind: 'malformed', line: first, text: this.firstLineText, reason });
        this.resetRow(first + 1);
        // Each re-read moves one line on: a file of stray quotes could make that quadratic. Past a budget, its quotes are text.
        this.rereadChars += again.length;
        if (this.rereadChars > REREAD_ALLOWANCE_CHARS + 2 * this.charsRead) this.stopQuoting();
        return again;
      }
      if (problem === 'never-closed') {
        this.events.push({ kind: 'malformed', line: first, text: this.crossed ? this.firstLineText : headText(n), reason });
        this.resetRow(this.currentLine() + 1);
        startRow(n);
        return null;
      }
      this.mode = Mode.SkipLine;
      this.skipReason = reason;
      this.skipText = this.crossed ? this.firstLineText : null;
      this.cells = [];
      this.parts = [];
      i = at;
      return null;
    };

    while (i < n) {
      if (this.mode === Mode.FieldStart && this.cellCount === 0 && i === rowFrom && this.chars === 0) {
        i = rowFrom = pieceFrom = this.fastRows(text, i, final, nextLF, nextCR, nextQuote);
        if (i >= n) break;
        // The row goes on in the next text: carry its start over, so that it too is split in one go.
        if (!final && nextLF.from(i) === Infinity && nextCR.from(i) === Infinity && n - i <= CARRY_LIMIT && nextQuote.from(i) === Infinity) break;
      }
      const c = text.charCodeAt(i);
      if (this.mode === Mode.Quoted) {
        const quote = nextQuote.from(i);
        const escape = nextEscape.from(i);
        const stop = quote < escape ? quote : escape;
        let to = Math.min(stop, n);
        // A `\r` at the end of the text may be the start of a `\r\n`: the next text tells.
        if (stop === Infinity && !final && text.charCodeAt(n - 1) === CR) to = n - 1;
        if (!this.crossed) {
          const lf = nextLF.from(i);
          const cr = nextCR.from(i);
          const lineEnd = lf < cr ? lf : cr;
          if (lineEnd < to) {
            if (consumed(lineEnd) > this.sizeLimit) {
              // Over the limit on its first line already: nothing to read again but what follows.
              this.events.push({ kind: 'malformed', line: this.startLine, text: headText(lineEnd), reason: this.malformedReason('too-long', this.startLine) });
              this.resetRow(this.startLine + 1);
              startRow(afterBreak(lineEnd));
              continue;
            }
            this.crossed = true;
            this.firstLineText = headText(lineEnd);
            this.replay = [];
            replayFrom = afterBreak(lineEnd);
          }
        }
        countBreaks(i, to);
        if (to < stop || stop === Infinity) {
          i = to;
          break;
        }
        if (this.crossed && consumed(stop) > this.sizeLimit) return fail(stop, 'too-long');
        i = stop;
        if (i + 1 >= n && !final) break;
        const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
        if (stop === escape) {
          // A backslash escapes a quote or itself; before anything else it is text.
          if (next === this.quoteCode || next === BACKSLASH) {
            this.keepPiece(text.slice(pieceFrom, i));
            pieceFrom = i + 1;
            i += 2;
          } else i += 1;
          continue;
        }
        if (next === this.quoteCode && this.escape === 'doubled') {
          this.keepPiece(text.slice(pieceFrom, i + 1));
          i += 2;
          pieceFrom = i;
          continue;
        }
        if (next === -1 || next === this.delimiterCode || next === LF || next === CR) {
          this.closedValue = this.fieldValue(text, pieceFrom, i);
          this.mode = Mode.Closed;
          i += 1;
          continue;
        }
        // Without an escape, a quote that does not end the field is text.
        if (this.escape === 'none') {
          i += 1;
          continue;
        }
        const again = fail(i + 1, 'after-closing');
        if (again !== null) return again;
        continue;
      }
      if (this.mode === Mode.SkipLine) {
        const lf = nextLF.from(i);
        const cr = nextCR.from(i);
        const end = lf < cr ? lf : cr;
        if (end === Infinity) {
          i = n;
          break;
        }
        this.events.push({ kind: 'malformed', line: this.startLine, text: this.skipText ?? headText(end), reason: this.skipReason });
        this.resetRow(this.currentLine() + 1);
        startRow(afterBreak(end));
        continue;
      }
      if (c === this.delimiterCode) {
        this.endField(this.mode === Mode.Closed ? this.closedValue : this.fieldValue(text, pieceFrom, i));
        this.mode = Mode.FieldStart;
        i += 1;
        pieceFrom = i;
        continue;
      }
      if (c === LF || c === CR) {
        const value = this.mode === Mode.Closed ? this.closedValue : this.fieldValue(text, pieceFrom, i);
        this.chars = consumed(i);
        // An empty line is skipped; it still counts.
        if (this.chars === 0 && this.cellCount === 0) this.skipEmptyLine();
        else this.endRecord(value);
        startRow(afterBreak(i));
        continue;
      }
      if (c === this.quoteCode) {
        if (this.mode === Mode.FieldStart) {
          this.mode = Mode.Quoted;
          this.quoteLine = this.currentLine();
          i += 1;
          pieceFrom = i;
          continue;
        }
        // A quote inside an unquoted cell (27" monitor, Ben "Benny" Carter) is text, as lenient readers take it.
        this.mode = Mode.Unquoted;
        i += 1;
        continue;
      }
      // Plain characters up to the next one that matters.
      this.mode = Mode.Unquoted;
      i += 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === this.delimiterCode || d === this.quoteCode || d === LF || d === CR) break;
        i += 1;
      }
    }

    const stop = Math.min(i, n);
    if (final) {
      if (this.mode === Mode.Quoted) return fail(n, this.crossed && consumed(n) > this.sizeLimit ? 'too-long' : 'never-closed');
      if (this.mode === Mode.SkipLine) {
        this.events.push({ kind: 'malformed', line: this.startLine, text: this.skipText ?? headText(n), reason: this.skipReason });
        this.resetRow(this.currentLine() + 1);
      } else if (consumed(n) > 0 || this.cellCount > 0) {
        this.chars = consumed(n);
        this.endRecord(this.mode === Mode.Closed ? this.closedValue : this.fieldValue(text, pieceFrom, n));
      }
      return null;
    }
    if (this.mode === Mode.Quoted && this.crossed && consumed(stop) > this.sizeLimit) return fail(stop, 'too-long');
    // Whatever of the current row this text holds is kept (or counted) for the next one.
    this.carry = text.slice(stop);
    if (this.mode === Mode.Quoted || this.mode === Mode.Unquoted) this.keepPiece(text.slice(pieceFrom, stop));
    if (this.replay !== null) this.replay.push(text.slice(replayFrom >= 0 ? replayFrom : rowFrom, stop));
    if (!this.crossed && this.head.length < MALFORMED_TEXT_LIMIT && stop > rowFrom) this.head = headText(stop);
    this.chars = consumed(stop);
    if (this.chars > this.sizeLimit) {
      // Past the limit, the row is no longer read again should it prove malformed.
      this.replay = null;
      if (this.mode !== Mode.SkipLine && this.dropping !== 'oversized') this.startDropping('oversized');
    }
    return null;
  }

  /** Fast path: the whole rows without quotes from `from` on, split natively; returns where the first other row starts. */
  private fastRows(text: string, from: number, final: boolean, nextLF: NextIndex, nextCR: NextIndex, nextQuote: NextIndex): number {
    const n = text.length;
    let i = from;
    while (i < n) {
      const lf = nextLF.from(i);
      const cr = nextCR.from(i);
      const end = lf < cr ? lf : cr;
      if (end === Infinity || nextQuote.from(i) < end) return i;
      if (end > i) this.fastRecord(text.slice(i, end));
      else this.skipEmptyLine();
      i = end === lf ? lf + 1 : this.breakEnd(text, end, final);
    }
    return i;
  }

  /** Where the line break at `at` ends; at the very end of a text, a `\r` leaves a `\n` starting the next text to it. */
  private breakEnd(text: string, at: number, final: boolean): number {
    if (text.charCodeAt(at) !== CR) return at + 1;
    if (at + 1 < text.length) return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
    if (!final) this.afterCR = true;
    return at + 1;
  }

  private malformedReason(problem: Problem, at: number): string {
    const first = this.startLine;
    const opened = this.mode === Mode.Quoted ? this.quoteLine : first;
    switch (problem) {
      case 'after-closing':
        return this.crossed && opened < at
          ? `Malformed quote: the quote opened at line ${opened} is not closed properly: text follows a quote at line ${at}`
          : `Malformed quote: text follows the closing quote at line ${at}`;
      case 'never-closed':
      case 'too-long': {
        const unclosed = problem === 'never-closed' ? 'is never closed' : `is not closed within ${formatBytes(this.sizeLimit)}, the most one row may be`;
        return opened === first
          ? `Malformed quote: the quote opened at line ${opened} ${unclosed}`
          : `Malformed quote: the row from line ${first} runs into a quote opened at line ${opened} that ${unclosed}`;
      }
    }
  }

  private fieldValue(text: string, from: number, to: number): string {
    const piece = text.slice(from, to);
    if (this.parts.length === 0) return piece;
    this.parts.push(piece);
    return this.parts.join('');
  }

  private keepPiece(piece: string): void {
    if (this.dropping === 'no' && piece !== '') this.parts.push(piece);
  }

  private startDropping(reason: 'too-wide' | 'oversized'): void {
    if (!this.headerRead && reason === 'oversized') throw new FileLimitExceeded('maxHeaderBytes', limitMessages.header(this.limits.maxHeaderBytes));
    this.dropping = reason;
    this.cells = [];
    this.parts = [];
  }

  private endField(value: string): void {
    this.cellCount += 1;
    this.parts = [];
    if (this.dropping !== 'no') return;
    if (this.cellCount > this.limits.maxColumns) this.startDropping('too-wide');
    else this.cells.push(value);
  }

  private endRecord(lastField: string): void {
    this.endField(lastField);
    const line = this.currentLine();
    if (this.dropping === 'no' && this.chars * 3 > this.sizeLimit) {
      // Only quotes and delimiters tell the row as written from its cells, and they are one byte each.
      const cellChars = this.cells.reduce((sum, cell) => sum + cell.length, 0);
      const bytes = this.cells.reduce((sum, cell) => sum + Buffer.byteLength(cell), 0) + this.chars - cellChars;
      if (bytes > this.sizeLimit) this.startDropping('oversized');
    }
    this.emit(line, this.cells);
    this.resetRow(line + 1);
  }

  private resetRow(startLine: number): void {
    this.startLine = startLine;
    this.breaks = 0;
    this.chars = 0;
    this.cells = [];
    this.cellCount = 0;
    this.parts = [];
    this.mode = Mode.FieldStart;
    this.dropping = 'no';
    this.head = '';
    this.crossed = false;
    this.firstLineText = '';
    this.replay = null;
    this.skipText = null;
  }

  /** Quotes no longer open values: the rest of the file is read as if it had none. */
  private stopQuoting(): void {
    this.quote = '';
    this.quoteCode = -1;
  }

  private skipEmptyLine(): void {
    if (this.reportEmptyLines) this.events.push({ kind: 'empty', line: this.startLine });
    this.startLine += 1;
  }

  private fastRecord(body: string): void {
    const oversized = body.length > this.sizeLimit || (body.length * 3 > this.sizeLimit && Buffer.byteLength(body) > this.sizeLimit);
    let cells: RowCells = [];
    if (oversized) this.startDropping('oversized');
    else cells = this.lineCells(body);
    this.emit(this.startLine, cells);
    this.startLine += 1;
    this.cellCount = 0;
    this.dropping = 'no';
  }

  /** The row's cells by their delimiters; counted only (and the row too wide) past the column limit. */
  private lineCells(body: string): RowCells {
    let count = 0;
    const delimiter = this.delimiter;
    for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + 1)) {
      if (count < this.limits.maxColumns) {
        if (count === this.commaScratch.length) {
          const grown = new Int32Array(this.commaScratch.length * 2);
          grown.set(this.commaScratch);
          this.commaScratch = grown;
        }
        this.commaScratch[count] = at;
      }
      count += 1;
    }
    this.cellCount = count + 1;
    if (this.cellCount > this.limits.maxColumns) {
      this.startDropping('too-wide');
      return [];
    }
    return new LineCells(body, this.commaScratch, this.cellCount, delimiter);
  }

  private emit(line: number, cells: RowCells): void {
    if (!this.headerRead) {
      this.headerRead = true;
      if (this.dropping === 'too-wide') throw new FileLimitExceeded('maxColumns', limitMessages.columns(this.cellCount, this.limits.maxColumns));
    }
    if (this.dropping === 'oversized') this.events.push({ kind: 'oversized', line });
    else if (this.dropping === 'too-wide') this.events.push({ kind: 'too-wide', cellCount: this.cellCount, line });
    else this.events.push({ kind: 'record', cells, line });
  }
}

/** The rows of a decoded CSV stream, as CsvRecordReader reads them. */
export async function* csvRecords(text: AsyncIterable<string>, limits: RecordLimits, options?: CsvRecordReaderOptions): AsyncGenerator<CsvRecordEvent> {
  const reader = new CsvRecordReader(limits, options);
  for await (const chunk of text) yield* reader.push(chunk);
  yield* reader.end();
}
