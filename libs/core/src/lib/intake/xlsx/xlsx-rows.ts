import { PassThrough, type Readable, Transform } from 'node:stream';

import type ExcelJSModule from 'exceljs';

import { FileLimitExceeded, limitMessages } from '../../validation/file-limits';
import { FileRejection } from '../../validation/file-rejection';
import { excelNumberText, excelSerialToIso, isDateFormat } from './cell-text';

export interface XlsxRowsOptions {
  /** The worksheet to read, by its tab name; the first worksheet when absent. */
  sheet?: string;
  /** A non-empty cell past this column refuses the file (FileLimitExceeded 'maxColumns'). */
  maxColumns: number;
  /** Told the name of the sheet read, before its first row. */
  onSheet?: (name: string) => void;
  /** Characters of shared strings XML read at most (MAX_SHARED_STRINGS_CHARS when absent). */
  maxSharedStringChars?: number;
}

/** One row of a worksheet: `line` is its row number in Excel, `cells` its values as text from column A on. */
export interface XlsxRow {
  line: number;
  cells: string[];
}

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: { name: string; attributes: Record<string, string> } | string;
}

type ParseSax = (chunks: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;

/** What the streaming WorkbookReader knows once a worksheet is emitted; not in exceljs's typings. */
interface WorkbookState {
  sharedStrings?: (string | { richText: { text: string | null }[] })[];
  styles?: { getStyleModel(id: number): { numFmt?: string } | null | undefined };
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets?: { name: string }[] };
}

interface WorksheetState {
  name: string;
  iterator: AsyncIterable<Buffer | string> & { destroy?: () => void };
}

/**
 * exceljs decodes each inflated chunk of shared strings on its own, so a multi-byte UTF-8 character
 * split across two chunks becomes two U+FFFD (exceljs issues #2063, #2084). Letting the entry decode
 * itself (Node's StringDecoder keeps partial characters) hands the parser whole characters.
 * exceljs is loaded on the first workbook: a worker that reads only CSV never holds it in memory.
 */
/**
 * The most characters of shared strings XML a workbook may inflate to: they are all held while its sheet is read, and a
 * few compressed kilobytes can inflate to gigabytes (a workbook bomb). No workbook under the upload limit comes near.
 */
export const MAX_SHARED_STRINGS_CHARS = 128 * 1024 * 1024;

function sharedStringsLimit(limit: number): Transform {
  let chars = 0;
  return new Transform({
    decodeStrings: false,
    readableObjectMode: true,
    transform(chunk: string, _encoding, callback) {
      chars += chunk.length;
      if (chars <= limit) return callback(null, chunk);
      callback(
        new FileRejection(
          `The workbook's shared text inflates to more than ${limit.toLocaleString('en-US')} characters, more than Sluice reads from one workbook: save the sheet as CSV`,
        ),
      );
    },
  });
}

function loadExcel(maxSharedStringChars: number): { WorkbookReader: typeof ExcelJSModule.stream.xlsx.WorkbookReader; parseSax: ParseSax } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const ExcelJS: typeof ExcelJSModule = require('exceljs');
  // exceljs's own SAX adapter over saxes (what its worksheet reader uses); exceljs has no exports map, so the path is stable per version.
  const parseSax: ParseSax = require('exceljs/lib/utils/parse-sax');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const base = ExcelJS.stream.xlsx.WorkbookReader;
  class Utf8SafeWorkbookReader extends base {
    _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
      entry.setEncoding('utf8');
      const parent = base.prototype as unknown as { _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> };
      return parent._parseSharedStrings.call(this, entry.pipe(sharedStringsLimit(maxSharedStringChars)));
    }
  }
  return { WorkbookReader: Utf8SafeWorkbookReader, parseSax };
}

/** Bytes of a worksheet's XML as whole characters (see Utf8SafeWorkbookReader). */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const notAWorkbook = (detail: string) => new FileRejection(`The file is not a valid Excel workbook (.xlsx): ${detail}`);

/**
 * Streams the rows of one worksheet of an .xlsx workbook as text cells, never holding the workbook
 * whole (shared strings are cached; worksheets that come before them in the archive are spooled to
 * temp files by exceljs). Each row is cut after its last non-empty cell (TableReader pads data rows to the header's
 * width: a stray value far right makes its own row ragged, never every row wide). Rows with no value are not
 * yielded (Excel does not write empty rows either): `line` keeps the sheet's own row numbers.
 *
 * Cells: dates (a date number format) → `YYYY-MM-DD[THH:MM:SS]`, numbers as Excel shows them,
 * booleans `true`/`false`, formulas → their cached result, rich text → its plain text, errors → `#N/A` etc.
 * A file that is not a workbook, or has no sheet `sheet`, is a FileRejection; a failing `stream` fails with its own error.
 */
export async function* xlsxRows(stream: Readable, options: XlsxRowsOptions): AsyncGenerator<XlsxRow> {
  let streamError: unknown = null;
  // exceljs pipes its input into unzipper, which never hears of the input failing: ending its input instead makes it stop.
  const input = new PassThrough();
  stream.on('error', (error) => {
    streamError ??= error;
    input.end();
  });
  stream.pipe(input);
  const { WorkbookReader, parseSax } = loadExcel(options.maxSharedStringChars ?? MAX_SHARED_STRINGS_CHARS);
  const reader = new WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const workbook = reader as unknown as WorkbookState;
  const seen: string[] = [];
  try {
    for await (const emitted of reader) {
      const worksheet = emitted as unknown as WorksheetState;
      seen.push(worksheet.name);
      const wanted = options.sheet ?? workbook.model?.sheets?.[0]?.name ?? worksheet.name;
      if (worksheet.name !== wanted) {
        // Not read: a worksheet spooled to a temp file has its file stream open until destroyed.
        worksheet.iterator.destroy?.();
        continue;
      }
      options.onSheet?.(worksheet.name);
      yield* worksheetRows(parseSax(utf8Text(worksheet.iterator)), workbook, options.maxColumns);
      // The rest of the archive is not needed (the finally below stops reading it).
      return;
    }
  } catch (error) {
    if (streamError) throw streamError;
    if (error instanceof FileRejection) throw error;
    throw notAWorkbook('it could not be read as one (a damaged or incomplete archive, or another kind of file)');
  } finally {
    // Stopped early (a preview, a refusal): stop reading the rest of the archive.
    if (!stream.readableEnded) stream.destroy();
    input.destroy();
  }
  if (streamError) throw streamError;
  const names = workbook.model?.sheets?.map((s) => s.name) ?? seen;
  if (names.length === 0) throw notAWorkbook('it holds no worksheet');
  throw new FileRejection(`The workbook has no sheet named "${options.sheet}"; its sheets are: ${names.map((n) => `"${n}"`).join(', ')}`);
}

interface CellDraft {
  column: number;
  type: string | undefined;
  style: number;
  value: string | null;
  formula: boolean;
}

/** A cell style's number format; none when the workbook has no styles part (it is optional). */
function styleFormat(workbook: WorkbookState, style: number): string | undefined {
  try {
    return workbook.styles?.getStyleModel(style)?.numFmt;
  } catch {
    return undefined;
  }
}

async function* worksheetRows(sax: AsyncIterable<SaxEvent[]>, workbook: WorkbookState, maxColumns: number): AsyncGenerator<XlsxRow> {
  const date1904 = workbook.properties?.model?.date1904 === true;
  const dateStyles = new Map<number, boolean>();
  const isDateStyle = (style: number) => {
    let known = dateStyles.get(style);
    if (known === undefined) dateStyles.set(style, (known = isDateFormat(styleFormat(workbook, style))));
    return known;
  };
  const cellText = (cell: CellDraft): string => {
    const raw = cell.value;
    if (raw === null) return '';
    switch (cell.type) {
      case 's':
        return sharedString(workbook, Number(raw));
      case 'str':
      case 'inlineStr':
      case 'e':
        return raw;
      case 'b':
        return raw === '1' || raw.toLowerCase() === 'true' ? 'true' : 'false';
      case 'd':
        return isoDateText(raw);
      default: {
        if (raw.trim() === '') return '';
        const number = Number(raw);
        if (Number.isNaN(number)) return raw;
        return isDateStyle(cell.style) ? excelSerialToIso(number, date1904) : excelNumberText(number);
      }
    }
  };

  let line = 0;
  let cells: string[] = [];
  let cell: CellDraft | null = null;
  /** Where text goes: a cell's <v>, an inline string's <t> (not its phonetic <rPh> runs), or nowhere. */
  let capture: 'value' | null = null;
  let inPhonetic = false;

  for await (const events of sax) {
    for (const { eventType, value } of events) {
      if (eventType === 'text') {
        if (capture && cell && !inPhonetic) cell.value = (cell.value ?? '') + (value as string);
        continue;
      }
      const { name, attributes } = value as { name: string; attributes: Record<string, string> };
      if (eventType === 'opentag') {
        switch (name) {
          case 'row':
            line = /^\d+$/.test(attributes['r'] ?? '') ? Number(attributes['r']) : line + 1;
            cells = [];
            break;
          case 'c': {
            const column = (attributes['r'] && columnNumber(attributes['r'])) || cells.length + 1;
            cell = { column, type: attributes['t'], style: Number(attributes['s'] ?? 0), value: null, formula: false };
            break;
          }
          case 'v':
          case 't':
            if (cell) capture = 'value';
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 'f':
            if (cell) cell.formula = true;
            break;
        }
      } else {
        switch (name) {
          case 'v':
          case 't':
            capture = null;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
          case 'c':
            if (cell) {
              const content = cellText(cell);
              if (content !== '') {
                if (cell.column > maxColumns) throw new FileLimitExceeded('maxColumns', limitMessages.columns(cell.column, maxColumns));
                while (cells.length < cell.column - 1) cells.push('');
                cells[cell.column - 1] = content;
              }
            }
            cell = null;
            break;
          case 'row':
            // Excel leaves trailing empty cells out: TableReader pads data rows to the header's width.
            if (cells.length > 0) yield { line, cells };
            cells = [];
            break;
        }
      }
    }
  }
}

function sharedString(workbook: WorkbookState, index: number): string {
  const entry = workbook.sharedStrings?.[index];
  if (entry === undefined || entry === null) return '';
  if (typeof entry === 'string') return entry;
  return entry.richText.map((run) => run.text ?? '').join('');
}

/** A `t="d"` cell holds an ISO 8601 text already: kept, without a midnight time or a zone. */
function isoDateText(raw: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(raw);
  if (!match) return raw;
  return !match[2] || match[2] === '00:00:00' ? match[1] : `${match[1]}T${match[2]}`;
}

/** "BC12" → 55 (1-based). */
function columnNumber(reference: string): number {
  let column = 0;
  for (const char of reference) {
    const code = char.toUpperCase().charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}
