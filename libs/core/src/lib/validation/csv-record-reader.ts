import { CsvError } from 'csv-parse';

import type { FileLimits } from './file-limits';
import { FileLimitExceeded, limitMessages } from './file-limits';
import type { RowCells } from './row-cells';
import { LineCells } from './row-cells';

// CsvError reads only the encoding from its options, for Buffer contexts; ours are numbers.
const ERROR_OPTIONS = {} as ConstructorParameters<typeof CsvError>[2];

/** What the reader makes of one row of the file; `line` is where the row ends (1-based, the header is line 1). */
export type CsvRecordEvent =
  | { kind: 'record'; cells: RowCells; line: number }
  /** More cells than any file may have columns: the cells are counted, not kept. */
  | { kind: 'too-wide'; cellCount: number; line: number }
  /** Over the row size limit: dropped unread, the rows around it are read as usual. */
  | { kind: 'oversized'; line: number };

export type RecordLimits = Pick<FileLimits, 'maxColumns' | 'maxHeaderBytes' | 'maxRowBytes'>;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

enum Mode {
  /** At the start of a field. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a closing quote, which lookahead has shown is followed by a comma or the end of the record. */
  Closed,
}

type Delimiter = '' | '\n' | '\r\n' | '\r';

/** The most of a row's start carried over to the next text; a longer row is read piece by piece instead. */
const CARRY_LIMIT = 1024 * 1024;

/** Position of the next `char` at or after `from`, remembered so that scanning a text stays linear. */
class NextIndex {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  from(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.text.indexOf(this.char, from);
    return this.at === -1 ? Infinity : this.at;
  }
}

/**
 * Splits decoded CSV text into rows, chunk by chunk, exactly as csv-parse reads it with the options the worker has
 * always used (`,` and `"`, record delimiter discovered from the first line break, empty lines skipped, line numbers
 * counted the same way, the same errors for misplaced quotes) — and, unlike csv-parse, with limits that cost the
 * file one row, not the whole file: csv-parse's `max_record_size` with `skip_records_with_error` loses every row
 * after the first long one (7.0.3). A row is never held longer than the row limit, so memory stays bounded; rows
 * without quotes (nearly all rows of a wide file) are split natively, several times faster than csv-parse.
 */
export class CsvRecordReader {
  private delimiter: Delimiter = '';
  private carry = '';
  private headerRead = false;
  /** Line the current row starts on, and line breaks inside it so far. */
  private startLine = 1;
  private breaks = 0;
  private lastWasBreak = false;
  /** Characters of the current row consumed so far (before the text being scanned). */
  private chars = 0;
  private cells: string[] = [];
  private cellCount = 0;
  /** Pieces of the current field seen in earlier texts, or before an escaped quote. */
  private parts: string[] = [];
  private closedValue = '';
  private mode = Mode.FieldStart;
  private dropping: 'no' | 'too-wide' | 'oversized' = 'no';
  private events: CsvRecordEvent[] = [];
  /** Comma positions of the row being split, reused from row to row. */
  private commaScratch = new Int32Array(1024);

  constructor(private readonly limits: RecordLimits) {}

  /** The rows this text completes; throws a CsvError for a misplaced quote, a FileLimitExceeded for a header over a limit. */
  push(text: string): CsvRecordEvent[] {
    this.scan(this.carry + text, false);
    return this.take();
  }

  /** The last row, when the file does not end with a line break. */
  end(): CsvRecordEvent[] {
    this.scan(this.carry, true);
    // csv-parse counts a line break when it reads the character after it: one at the very end does not count.
    if (this.lastWasBreak) this.breaks -= 1;
    if (this.mode === Mode.Quoted) {
      throw new CsvError('CSV_QUOTE_NOT_CLOSED', ['Quote Not Closed:', `the parsing is finished with an opening quote at line ${this.currentLine()}`], ERROR_OPTIONS, this.where());
    }
    if (this.chars > 0 || this.cellCount > 0) this.endRecord(this.mode === Mode.Closed ? this.closedValue : this.parts.join(''));
    return this.take();
  }

  /** Where an error stands, as csv-parse's errors say it (line, and the 0-based field): the worker's message reads them. */
  private where(): { lines: number; column: number } {
    return { lines: this.currentLine(), column: this.cellCount };
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

  // The scan is one loop over a state machine; each branch is short, and the common row takes the first one.
  private scan(text: string, final: boolean): void {
    this.carry = '';
    const n = text.length;
    const nextLF = new NextIndex(text, '\n');
    const nextCR = new NextIndex(text, '\r');
    const nextQuote = new NextIndex(text, '"');
    let i = 0;
    /** Where the current row's characters (or their continuation) start in this text, and the pending field piece. */
    let rowFrom = 0;
    let pieceFrom = 0;
    const consumed = (to: number) => this.chars + (to - rowFrom);
    const countBreaks = (from: number, to: number) => {
      let found = 0;
      for (let at = nextLF.from(from); at < to; at = nextLF.from(at + 1)) found += 1;
      for (let at = nextCR.from(from); at < to; at = nextCR.from(at + 1)) found += 1;
      this.breaks += found;
      if (to > from) this.lastWasBreak = text.charCodeAt(to - 1) === LF || text.charCodeAt(to - 1) === CR;
    };
    /** Length of the record delimiter at `at`: 0 when the break there is data, -1 when the next text must tell. */
    const delimiterAt = (at: number): number => {
      const c = text.charCodeAt(at);
      if (this.delimiter === '') {
        if (c === LF) return (this.delimiter = '\n').length;
        if (at + 1 >= n && !final) return -1;
        this.delimiter = text.charCodeAt(at + 1) === LF ? '\r\n' : '\r';
        return this.delimiter.length;
      }
      if (this.delimiter === '\r\n') {
        if (c !== CR) return 0;
        if (at + 1 >= n) return final ? 0 : -1;
        return text.charCodeAt(at + 1) === LF ? 2 : 0;
      }
      return text.charCodeAt(at) === this.delimiter.charCodeAt(0) ? 1 : 0;
    };
    const finishRow = (at: number, length: number, lastField: string) => {
      this.chars = consumed(at);
      // An empty line is skipped, as csv-parse's skip_empty_lines does; it still counts.
      if (this.chars === 0 && this.cellCount === 0) this.startLine += 1;
      else this.endRecord(lastField);
      i = at + length;
      rowFrom = pieceFrom = i;
    };

    while (i < n) {
      if (this.mode === Mode.FieldStart && this.cellCount === 0 && i === rowFrom && this.chars === 0 && this.delimiter !== '' && this.delimiter !== '\r') {
        // Fast path: a whole row in this text, without quotes or stray carriage returns.
        const lf = nextLF.from(i);
        if (lf === Infinity && !final && n - i <= CARRY_LIMIT && nextQuote.from(i) === Infinity) {
          // The row goes on in the next text: carry its start over, so that it too is split in one go.
          break;
        }
        if (lf !== Infinity) {
          const bodyEnd = this.delimiter === '\r\n' ? lf - 1 : lf;
          if (bodyEnd >= i && (this.delimiter === '\n' || text.charCodeAt(bodyEnd) === CR) && nextQuote.from(i) >= bodyEnd && nextCR.from(i) >= bodyEnd) {
            if (bodyEnd > i) this.fastRecord(text.slice(i, bodyEnd));
            else this.startLine += 1;
            i = rowFrom = pieceFrom = lf + 1;
            continue;
          }
        }
      }
      const c = text.charCodeAt(i);
      if (this.mode === Mode.Quoted) {
        const quote = nextQuote.from(i);
        const to = Math.min(quote, n);
        countBreaks(i, to);
        if (quote === Infinity) {
          i = n;
          break;
        }
        i = quote;
        if (i + 1 >= n && !final) break;
        const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
        if (next === QUOTE) {
          this.keepPiece(text.slice(pieceFrom, i + 1));
          i += 2;
          pieceFrom = i;
          this.lastWasBreak = false;
          continue;
        }
        const endsRow = next === LF || next === CR ? delimiterAt(i + 1) : 0;
        if (endsRow === -1) break;
        if (next !== -1 && next !== COMMA && endsRow === 0) {
          throw new CsvError(
            'CSV_INVALID_CLOSING_QUOTE',
            [
              'Invalid Closing Quote:',
              `got "${String.fromCharCode(Buffer.from(String.fromCodePoint(text.codePointAt(i + 1) ?? 0))[0])}"`,
              `at line ${this.currentLine()}`,
              'instead of delimiter, record delimiter, trimable character',
              '(if activated) or comment',
            ],
            ERROR_OPTIONS,
            this.where(),
          );
        }
        this.closedValue = this.fieldValue(text, pieceFrom, i);
        this.mode = Mode.Closed;
        this.lastWasBreak = false;
        i += 1;
        continue;
      }
      if (c === COMMA) {
        this.endField(this.mode === Mode.Closed ? this.closedValue : this.fieldValue(text, pieceFrom, i));
        this.mode = Mode.FieldStart;
        this.lastWasBreak = false;
        i += 1;
        pieceFrom = i;
        continue;
      }
      if (c === LF || c === CR) {
        const length = delimiterAt(i);
        if (length === -1) break;
        if (length > 0) {
          finishRow(i, length, this.mode === Mode.Closed ? this.closedValue : this.fieldValue(text, pieceFrom, i));
          continue;
        }
        // A line break that is not this file's record delimiter is data, as in csv-parse; it still counts as a line.
        this.breaks += 1;
        this.lastWasBreak = true;
        this.mode = Mode.Unquoted;
        i += 1;
        continue;
      }
      if (c === QUOTE) {
        if (this.mode === Mode.FieldStart) {
          this.mode = Mode.Quoted;
          this.lastWasBreak = false;
          i += 1;
          pieceFrom = i;
          continue;
        }
        throw new CsvError(
          'INVALID_OPENING_QUOTE',
          [
            'Invalid Opening Quote:',
            `a quote is found on field ${JSON.stringify(this.cellCount)} at line ${this.currentLine()}, value is ${JSON.stringify(this.fieldValue(text, pieceFrom, i))}`,
          ],
          ERROR_OPTIONS,
          this.where(),
        );
      }
      // Plain characters up to the next one that matters.
      this.mode = Mode.Unquoted;
      this.lastWasBreak = false;
      i += 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === COMMA || d === QUOTE || d === LF || d === CR) break;
        i += 1;
      }
    }

    // Whatever of the current row this text holds is kept (or counted) for the next one.
    const stop = Math.min(i, n);
    this.carry = text.slice(stop);
    if (this.mode === Mode.Quoted || this.mode === Mode.Unquoted) this.keepPiece(text.slice(pieceFrom, stop));
    this.chars = consumed(stop);
    if (this.chars > this.sizeLimit && this.dropping !== 'oversized') this.startDropping('oversized');
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
      // Only quotes and commas tell the row as written from its cells, and they are one byte each.
      const cellChars = this.cells.reduce((sum, cell) => sum + cell.length, 0);
      const bytes = this.cells.reduce((sum, cell) => sum + Buffer.byteLength(cell), 0) + this.chars - cellChars;
      if (bytes > this.sizeLimit) this.startDropping('oversized');
    }
    this.emit(line, this.cells);
    this.startLine = line + 1;
    this.breaks = 0;
    this.lastWasBreak = false;
    this.chars = 0;
    this.cells = [];
    this.cellCount = 0;
    this.parts = [];
    this.mode = Mode.FieldStart;
    this.dropping = 'no';
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

  /** The row's cells by their commas; counted only (and the row too wide) past the column limit. */
  private lineCells(body: string): RowCells {
    let count = 0;
    for (let comma = body.indexOf(','); comma !== -1; comma = body.indexOf(',', comma + 1)) {
      if (count < this.limits.maxColumns) {
        if (count === this.commaScratch.length) {
          const grown = new Int32Array(this.commaScratch.length * 2);
          grown.set(this.commaScratch);
          this.commaScratch = grown;
        }
        this.commaScratch[count] = comma;
      }
      count += 1;
    }
    this.cellCount = count + 1;
    if (this.cellCount > this.limits.maxColumns) {
      this.startDropping('too-wide');
      return [];
    }
    return new LineCells(body, this.commaScratch, this.cellCount);
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
export async function* csvRecords(text: AsyncIterable<string>, limits: RecordLimits): AsyncGenerator<CsvRecordEvent> {
  const reader = new CsvRecordReader(limits);
  for await (const chunk of text) yield* reader.push(chunk);
  yield* reader.end();
}
