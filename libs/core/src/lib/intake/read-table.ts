import { pipeline, Readable } from 'node:stream';
import { constants, createGunzip } from 'node:zlib';

import type { CsvDialect, FileReadingOptions, FileReadingReport } from '@sluice/contracts';

import { disambiguateHeaders } from '../mapping/disambiguate-headers';
import type { CsvRecordEvent, RecordLimits } from '../validation/csv-record-reader';
import { CsvRecordReader } from '../validation/csv-record-reader';
import { fieldCountMismatch } from '../validation/row-validator';
import { DEFAULT_FILE_LIMITS, limitMessages } from '../validation/file-limits';
import { FileRejection } from '../validation/file-rejection';
import type { RowCells } from '../validation/row-cells';
import { cellArray } from '../validation/row-cells';
import { describeBinaryContent } from '../files/binary-signature';
import { sniffDialect } from './dialect/sniff-dialect';
import { detectEncoding } from './encoding/detect-encoding';
import { TextDecodingStream } from './encoding/text-decoding-stream';
import { hasUndecodable, undecodableRowError } from './encoding/undecodable-rows';
import { skipLines } from './line-skipper';
import { isBlankRow, reportedText, TableShaper } from './table-shaper';
import { xlsxRows } from './xlsx/xlsx-rows';

/** What a file's source gives the shaper: a record, a row it could not read, or blank lines it skipped. */
type SourceItem = { cells: RowCells; line: number } | TableEvent | { blankLines: number };

/** What reading a file yields, in file order: its header once, then data rows and rows that could not be read. */
export type TableEvent =
  | { kind: 'header'; cells: string[]; line: number }
  | { kind: 'row'; cells: RowCells; line: number }
  /** A row that could not be read as cells (a malformed quote, undecodable bytes, over a limit): `text` is its original text where known. */
  | { kind: 'rejected'; line: number; error: string; text?: string; cells?: string[] };

export interface ReadTableInput {
  bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** The file's name as uploaded: its extension tells .tsv, .xlsx and .gz apart. */
  fileName: string;
  options?: FileReadingOptions;
  limits?: RecordLimits;
  /** Only the start of the file (a preview): a compressed file may end cut short. */
  partial?: boolean;
}

/** Renamed headers the report lists at most (a header of thousands of repeated names would fill a workflow payload). */
export const REPORTED_RENAMES = 100;

/** A read that failed for what the file holds, as a sentence; any other failure as it is. */
function readFailure(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) return new FileRejection('The file is not a valid gzip file: it is damaged or cut short');
  return error;
}

/** Bytes looked at to tell the encoding; text looked at to tell the dialect and where the header is. */
const HEAD_BYTES = 64 * 1024;
const SAMPLE_CHARS = 64 * 1024;
/** Rows of a workbook handed on at a time. */
const WORKBOOK_BATCH = 512;
/** Rows of a workbook looked at to find its header row. */
const XLSX_HEADER_ROWS = 30;

/**
 * Reads any file Sluice accepts (CSV in any encoding and dialect, .tsv, .xlsx, .gz) into a header and rows,
 * detecting what the options leave open. `report` says how the file was read; it is complete once `events` ends.
 */
export class TableReader {
  private readonly reading: FileReadingReport = {
    format: 'csv',
    encoding: 'utf-8',
    encodingSource: 'default',
    delimiter: ',',
    quote: '"',
    escape: '"',
    dialectSource: 'default',
    headerLine: 1,
    preamble: [],
    blankLines: 0,
    trailing: [],
    renamedHeaders: [],
    undecodableRows: 0,
    malformedRows: 0,
  };

  constructor(private readonly input: ReadTableInput) {}

  get report(): FileReadingReport {
    return this.reading;
  }

  /** The events one at a time (a preview, a header lookup); `batches` is the fast way through a big file. */
  async *events(): AsyncGenerator<TableEvent> {
    for await (const batch of this.batches()) yield* batch;
  }

  /**
   * The events in batches, one per piece of the file read: a per-row await costs more than reading the row,
   * so a caller going through every row takes them a batch at a time.
   */
  async *batches(): AsyncGenerator<TableEvent[]> {
    const { input } = this;
    // Every stream of the read, destroyed when it ends early (a header lookup, a refusal): an S3 body holds a socket.
    const opened: Readable[] = [];
    const source = input.bytes instanceof Readable ? input.bytes : Readable.from(input.bytes);
    opened.push(source);
    try {
      let name = input.fileName.trim();
      let bytes: Readable = source;
      if (/\.gz$/i.test(name)) {
        name = name.replace(/\.gz$/i, '');
        // A preview has only the start of the file: a gzip cut there ends where it was cut.
        bytes = pipeline(source, createGunzip(input.partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {}), () => undefined);
        opened.push(bytes);
      }
      const records = /\.xlsx$/i.test(name) ? this.workbookRecords(bytes) : this.csvRecords(bytes, name, opened);
      const shaper = new TableShaper((cells) => cells.join(this.reading.delimiter));
      for await (const items of records) {
        const batch: TableEvent[] = [];
        for (const item of items) {
          if ('blankLines' in item) shaper.blank(item.blankLines);
          else if ('kind' in item) batch.push(item);
          else for (const event of shaper.push(item)) batch.push(this.named(event));
        }
        if (batch.length > 0) yield batch;
      }
      shaper.end();
      this.reading.blankLines += shaper.blankLines;
      this.reading.trailing = shaper.trailing;
    } catch (error) {
      throw readFailure(error);
    } finally {
      for (const stream of opened) if (!stream.destroyed) stream.destroy();
    }
  }

  /** The header with duplicate names made unique. */
  private named(event: TableEvent): TableEvent {
    if (event.kind !== 'header') return event;
    const { header, renamed } = disambiguateHeaders(event.cells);
    this.reading.renamedHeaders = renamed.slice(0, REPORTED_RENAMES);
    return { ...event, cells: header };
  }

  private async *csvRecords(bytes: AsyncIterable<Uint8Array>, name: string, opened: Readable[]): AsyncGenerator<SourceItem[]> {
    const options = this.input.options ?? {};
    const limits = this.input.limits ?? DEFAULT_FILE_LIMITS;
    const source = bytes[Symbol.asyncIterator]();
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let done = false;
    while (headBytes < HEAD_BYTES) {
      const next = await source.next();
      if (next.done) {
        done = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.length;
    }
    const headSample = Buffer.concat(head);
    // Intake sniffs uploads; an inbox object or a renamed workbook reaches the worker unsniffed.
    const binary = describeBinaryContent(headSample);
    if (binary) throw new FileRejection(`The file is not CSV text: its content looks like ${binary}${/ZIP/.test(binary) ? ' (name a workbook .xlsx)' : ''}`);
    const encoding = detectEncoding(headSample, options.encoding);
    Object.assign(this.reading, {
      encoding: encoding.encoding,
      encodingSource: encoding.source,
      ...(encoding.confidence !== undefined ? { encodingConfidence: encoding.confidence } : {}),
    });
    // A UTF-8 guess is only a guess while the text is plain ASCII: the first bytes that are not UTF-8 decide again.
    const guessed = encoding.source === 'detected' && encoding.encoding === 'utf-8';
    const decoder = new TextDecodingStream(encoding.encoding, { skipBytes: encoding.bomBytes, ...(guessed ? { redetect: redetectEncoding } : {}) });
    async function* all(): AsyncGenerator<Uint8Array> {
      yield* head;
      if (done) return;
      for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
    }
    // A failing source fails the decoder (and so the read) instead of leaving it waiting.
    const text = pipeline(Readable.from(all()), decoder, () => undefined);
    opened.push(text);
    const texts = (text as AsyncIterable<string>)[Symbol.asyncIterator]();
    const sample: string[] = [];
    let sampleChars = 0;
    let ended = false;
    while (sampleChars < SAMPLE_CHARS) {
      const next = await texts.next();
      if (next.done) {
        ended = true;
        break;
      }
      sample.push(next.value);
      sampleChars += next.value.length;
    }
    // Exactly the first SAMPLE_CHARS, however the file arrived in pieces: the preview and the worker sniff the same text.
    const sampled = sample.join('');
    const sniffed = sniffDialect(sampled.slice(0, SAMPLE_CHARS), {
      declared: declaredDialect(options),
      headerLine: options.headerLine,
      fileName: name,
      complete: ended && sampled.length <= SAMPLE_CHARS,
    });
    Object.assign(this.reading, { ...sniffed.dialect, dialectSource: sniffed.source, headerLine: sniffed.headerLine, preamble: sniffed.preamble });
    async function* rest(): AsyncGenerator<string> {
      yield* sample;
      if (ended) return;
      for (let next = await texts.next(); !next.done; next = await texts.next()) yield next.value;
    }
    // Empty lines reach the shaper as blank lines, in their place: a blank line above a second table tells it apart.
    const reader = new CsvRecordReader(limits, { dialect: sniffed.dialect, firstLine: sniffed.headerLine, reportEmptyLines: true });
    let header: number | null = null;
    const translate = (event: CsvRecordEvent): SourceItem => {
      if (event.kind === 'empty') return { blankLines: 1 };
      if (header === null && event.kind === 'malformed') throw new FileRejection(`The header row (line ${event.line}) cannot be read: ${event.reason}`);
      if (event.kind === 'record') {
        if (header === null && !isBlankRow(event.cells)) {
          header = event.cells.length;
          if (decoder.undecodable && hasUndecodable(event.cells)) throw new FileRejection(`The header row (line ${event.line}): ${undecodableRowError(decoder.encoding)}`);
        } else if (header !== null && decoder.undecodable && hasUndecodable(event.cells)) {
          this.reading.undecodableRows += 1;
          const cells = cellArray(event.cells);
          return { kind: 'rejected', line: event.line, error: undecodableRowError(decoder.encoding), text: cells.join(this.reading.delimiter), cells };
        }
        return { cells: event.cells, line: event.line };
      }
      if (event.kind === 'malformed') {
        this.reading.malformedRows += 1;
        return { kind: 'rejected', line: event.line, error: event.reason, text: event.text };
      }
      if (event.kind === 'too-wide') return { kind: 'rejected', line: event.line, error: fieldCountMismatch(header ?? 0, event.cellCount) };
      return { kind: 'rejected', line: event.line, error: limitMessages.row(limits.maxRowBytes) };
    };
    const preamble = { blank: 0 };
    for await (const chunk of skipLines(rest(), sniffed.headerLine - 1, preamble)) yield reader.push(chunk).map(translate);
    yield reader.end().map(translate);
    this.reading.blankLines += preamble.blank;
    if (decoder.encoding !== this.reading.encoding) Object.assign(this.reading, { encoding: decoder.encoding, encodingConfidence: 50 });
  }

  private async *workbookRecords(bytes: Readable): AsyncGenerator<SourceItem[]> {
    const batch: SourceItem[] = [];
    for await (const item of this.workbookItems(bytes)) {
      batch.push(item);
      if (batch.length >= WORKBOOK_BATCH) yield batch.splice(0);
    }
    yield batch;
  }

  private async *workbookItems(bytes: Readable): AsyncGenerator<SourceItem> {
    const options = this.input.options ?? {};
    const limits = this.input.limits ?? DEFAULT_FILE_LIMITS;
    Object.assign(this.reading, { format: 'xlsx', encoding: 'utf-8', encodingSource: 'default', dialectSource: 'default' });
    const rows = xlsxRows(bytes, { sheet: options.sheet, maxColumns: limits.maxColumns, onSheet: (sheet) => (this.reading.sheet = sheet) });
    // The header is the first row as wide as the table (title rows above it are narrower), or the declared row.
    const held: { cells: string[]; line: number }[] = [];
    let headerFound = false;
    let lastLine = 0;
    /** The header's width, which data rows are padded to. */
    let width = 0;
    const declared = options.headerLine;
    for await (const row of rows) {
      // The sheet leaves empty rows out: a gap in its row numbers is that many blank lines.
      const gap = row.line - lastLine - 1;
      lastLine = row.line;
      if (gap > 0) yield { blankLines: gap };
      if (!headerFound && declared !== undefined && row.line < declared) {
        // Rows above a declared header are preamble, however many.
        if (this.reading.preamble.length < 20 && row.cells.some((cell) => cell.trim() !== '')) this.reading.preamble.push(preambleRow(row));
        continue;
      }
      if (!headerFound && declared !== undefined) {
        this.reading.headerLine = row.line;
        headerFound = true;
        width = row.cells.length;
        yield row;
        continue;
      }
      if (!headerFound) {
        held.push(row);
        if (held.length < XLSX_HEADER_ROWS) continue;
        width = yield* this.releaseWorkbookHead(held);
        headerFound = true;
        continue;
      }
      yield padded(row, width);
    }
    if (!headerFound) yield* this.releaseWorkbookHead(held);
  }

  /** The header is the first row as wide as the table: title rows above it are narrower. */
  private *releaseWorkbookHead(held: { cells: string[]; line: number }[]): Generator<{ cells: RowCells; line: number }, number> {
    const filled = (cells: string[]) => cells.filter((cell) => cell.trim() !== '').length;
    let widest = 0;
    for (const row of held) widest = Math.max(widest, filled(row.cells));
    const at = held.findIndex((row) => filled(row.cells) >= Math.max(1, Math.ceil(widest / 2)) && (widest < 2 || filled(row.cells) >= 2));
    const start = at === -1 ? held.length : at;
    this.reading.preamble = held
      .slice(0, start)
      .filter((row) => filled(row.cells) > 0)
      .slice(0, 20)
      .map(preambleRow);
    this.reading.headerLine = held[start]?.line ?? 1;
    const width = held[start]?.cells.length ?? 0;
    for (const row of held.slice(start)) yield row === held[start] ? row : padded(row, width);
    return width;
  }
}

/** A workbook row as wide as the header at least: the sheet leaves its trailing empty cells out. */
function padded(row: { cells: string[]; line: number }, width: number): { cells: string[]; line: number } {
  if (row.cells.length >= width) return row;
  const cells = row.cells.slice();
  while (cells.length < width) cells.push('');
  return { line: row.line, cells };
}

function preambleRow(row: { cells: string[]; line: number }): { line: number; text: string } {
  return { line: row.line, text: reportedText(row.cells.filter((cell) => cell.trim() !== '').join(' ')) };
}

/** The encoding of a file whose text was plain ASCII so far, from the bytes around its first that is not (null: UTF-8 with bad bytes). */
function redetectEncoding(bytes: Uint8Array): string | null {
  const first = bytes.findIndex((byte) => byte >= 0x80);
  if (first === -1) return null;
  try {
    const guess = detectEncoding(bytes.subarray(Math.max(0, first - 1024), first + HEAD_BYTES));
    return guess.encoding === 'utf-8' ? null : guess.encoding;
  } catch {
    return null;
  }
}

function declaredDialect(options: FileReadingOptions): Partial<CsvDialect> {
  return {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.quote !== undefined ? { quote: options.quote } : {}),
    ...(options.escape !== undefined ? { escape: options.escape } : {}),
  };
}

/** A whole small file read into memory (tests, previews). */
export interface WholeTable {
  report: FileReadingReport;
  header: string[];
  rows: { line: number; cells: string[] }[];
  rejected: { line: number; error: string; text?: string }[];
}

export async function readWholeTable(bytes: Uint8Array, fileName: string, options?: FileReadingOptions, limits?: RecordLimits): Promise<WholeTable> {
  const reader = new TableReader({ bytes: [bytes], fileName, options, limits });
  const table: Omit<WholeTable, 'report'> = { header: [], rows: [], rejected: [] };
  for await (const event of reader.events()) {
    if (event.kind === 'header') table.header = event.cells;
    else if (event.kind === 'row') table.rows.push({ line: event.line, cells: cellArray(event.cells) });
    else table.rejected.push({ line: event.line, error: event.error, ...(event.text !== undefined ? { text: event.text } : {}) });
  }
  return { report: reader.report, ...table };
}

export { FileRejection };
