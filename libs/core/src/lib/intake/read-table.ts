import { Readable } from 'node:stream';

import type { FileReadingOptions, FileReadingReport } from '@sluice/contracts';

import type { RecordLimits } from '../validation/csv-record-reader';
import { csvRecords } from '../validation/csv-record-reader';
import { DEFAULT_FILE_LIMITS } from '../validation/file-limits';
import type { RowCells } from '../validation/row-cells';
import { cellArray } from '../validation/row-cells';
import { StrictUtf8Decoder } from '../validation/strict-utf8-decoder';

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
}

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

  async *events(): AsyncGenerator<TableEvent> {
    const text = Readable.from(this.input.bytes).pipe(new StrictUtf8Decoder());
    let header = true;
    for await (const event of csvRecords(text, this.input.limits ?? DEFAULT_FILE_LIMITS)) {
      if (event.kind !== 'record') {
        yield { kind: 'rejected', line: event.line, error: event.kind };
        continue;
      }
      if (header) {
        header = false;
        yield { kind: 'header', cells: cellArray(event.cells), line: event.line };
      } else yield { kind: 'row', cells: event.cells, line: event.line };
    }
  }
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
