import type { ColumnMappingView } from './job-views';

/** Field delimiters a CSV file may use; the sniffer chooses among them. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Quote characters; '' reads the file without quoting. */
export const CSV_QUOTES = ['"', "'", ''] as const;
export type CsvQuote = (typeof CSV_QUOTES)[number];

/** How a quote inside a quoted field is written: doubled (RFC 4180, `""`), after a backslash (`\"`), or not at all (''). */
export const CSV_ESCAPES = ['"', '\\', ''] as const;
export type CsvEscape = (typeof CSV_ESCAPES)[number];

/** How a file's bytes are laid out: CSV text (also .tsv, and what .gz / .zip uploads hold) or an Excel workbook. */
export const SOURCE_FORMATS = ['csv', 'xlsx'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface CsvDialect {
  delimiter: CsvDelimiter;
  quote: CsvQuote;
  escape: CsvEscape;
}

/**
 * How to read a file, where a person knows better than detection: per upload, or as a dataset's
 * default. Anything absent is detected from the file.
 */
export interface FileReadingOptions {
  /** A WHATWG encoding label: utf-8, utf-16le, windows-1252, iso-8859-15, shift_jis, gb18030, euc-kr, … */
  encoding?: string;
  delimiter?: CsvDelimiter;
  quote?: CsvQuote;
  escape?: CsvEscape;
  /** 1-based line (CSV) or row (xlsx) holding the header; lines above it are preamble. */
  headerLine?: number;
  /** An Excel workbook's sheet, by name; the first sheet when absent. */
  sheet?: string;
  /** Corrections of the header mapping: a column (by its header as written) → field name, or null to leave it unmapped. */
  columnFields?: Record<string, string | null>;
}

/** Where a reading setting came from. */
export const READING_SOURCES = ['declared', 'bom', 'sep-line', 'extension', 'detected', 'default'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

/** A line of the file that was not read as data, kept for the report (its text cut to a readable length). */
export interface ReportedLine {
  line: number;
  text: string;
}

/** A section after the data that is not data: a second table or a totals line. */
export interface TrailingSection {
  kind: 'table' | 'totals';
  /** Its first line, and how many lines it spans. */
  line: number;
  lines: number;
  text: string;
}

/** What reading a file found: recorded on the file, shown with its mapping. */
export interface FileReadingReport {
  format: SourceFormat;
  encoding: string;
  encodingSource: ReadingSource;
  /** 0–100 when the encoding was detected statistically. */
  encodingConfidence?: number;
  delimiter: CsvDelimiter;
  quote: CsvQuote;
  escape: CsvEscape;
  dialectSource: ReadingSource;
  /** The header's line (CSV) or row (xlsx), 1-based. */
  headerLine: number;
  /** The sheet read, for a workbook. */
  sheet?: string;
  /** Lines above the header that are not data (titles, notes, a `sep=` line): the first few. */
  preamble: ReportedLine[];
  /** Empty, whitespace-only and delimiter-only lines skipped. */
  blankLines: number;
  trailing: TrailingSection[];
  /** Header names made unique (`name`, `name_2`). */
  renamedHeaders: { index: number; from: string; to: string }[];
  /** Rows rejected because they held bytes the encoding cannot decode. */
  undecodableRows: number;
  /** Rows rejected because of a malformed quote (the rows it touched). */
  malformedRows: number;
}

/** What a file would be read and mapped as, before any job runs (POST /api/datasets/:name/preview with a file). */
export interface FilePreview {
  reading: FileReadingReport;
  header: string[];
  /** Each column → field, with scores and, for unsure columns, candidates. */
  columns: ColumnMappingView[];
  missingRequired: string[];
  /** The first data rows, as read. */
  rows: string[][];
  /** The first rows that could not be read. */
  rejected: { line: number; error: string }[];
}
