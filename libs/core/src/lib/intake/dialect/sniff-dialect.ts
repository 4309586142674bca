import type { CsvDelimiter, CsvDialect, CsvEscape, CsvQuote, ReadingSource, ReportedLine } from '@sluice/contracts';
import { CSV_DELIMITERS } from '@sluice/contracts';

import { consistencyScore } from './consistency-score';
import { findTableStart } from './find-header';
import type { SampleRecord } from './split-sample';
import { splitSample } from './split-sample';

export interface SniffOptions {
  /** What the upload or the dataset says; each part given wins over detection for that part. */
  declared?: Partial<CsvDialect>;
  /** The header's 1-based line, when known: lines above it are preamble. */
  headerLine?: number;
  /** The file's name: a `.tsv` favours tabs. */
  fileName?: string;
  /** Whether the sample is the whole file; otherwise its last line may be cut and is ignored. */
  complete: boolean;
}

export interface SniffedDialect {
  dialect: CsvDialect;
  /** 'declared' when all three parts were declared; else where the delimiter came from. */
  source: ReadingSource;
  /** The header's 1-based physical line. */
  headerLine: number;
  /** The lines above the header that hold something (titles, notes, a `sep=` line): the first few, cut to a readable length. */
  preamble: ReportedLine[];
}

export const DEFAULT_DIALECT: CsvDialect = { delimiter: ',', quote: '"', escape: '"' };

/** Lines of the sample looked at: enough to see a table's shape, few enough to stay fast. */
const SNIFF_LINES = 200;
const PREAMBLE_LINES = 20;
const PREAMBLE_TEXT = 200;
/** Excel's first line naming the delimiter: `sep=;` (optionally quoted). */
const SEP_LINE = /^\s*(["']?)sep=([,;\t|])\1\s*$/i;
/** How much better a candidate with a rarer quote or escape must score than a commoner one to win: they need clear evidence. */
const APOSTROPHE_QUOTE_HANDICAP = 0.95;
const BACKSLASH_ESCAPE_HANDICAP = 0.999;

/**
 * Detects a CSV sample's delimiter, quote and escape, and where its header is. The dialect is the candidate whose reading
 * of the sample scores highest on CleverCSV's data-consistency measure (see consistencyScore); Excel's `sep=` first line
 * fixes the delimiter, a `.tsv` name favours tabs, and anything declared wins for its part.
 */
export function sniffDialect(sample: string, options: SniffOptions): SniffedDialect {
  const declared = options.declared ?? {};
  const text = options.complete ? sample : withoutLastLine(sample);
  const starts = lineStarts(text, (options.headerLine ?? 2) + SNIFF_LINES);
  const sepDelimiter = SEP_LINE.exec(lineAt(text, starts, 1) ?? '')?.[2] as CsvDelimiter | undefined;
  const windowLine = options.headerLine ?? (sepDelimiter ? 2 : 1);
  const windowStart = starts[windowLine - 1];
  const windowEnd = starts[windowLine - 1 + SNIFF_LINES];
  const window = windowStart === undefined ? '' : text.slice(windowStart, windowEnd === undefined ? text.length : windowEnd - 1);
  const truncated = !options.complete || windowEnd !== undefined;

  const byExtension = sepDelimiter === undefined && /\.tsv(\.gz)?$/i.test(options.fileName ?? '') && (window.includes('\t') || !hasAnyDelimiter(window));
  const fixedDelimiter = declared.delimiter ?? sepDelimiter ?? (byExtension ? '\t' : undefined);
  const best = bestDialect(window, truncated, declared, fixedDelimiter);
  const table = best ? findTableStart(best.records) : { header: undefined, width: 1 };
  const singleColumn = table.width < 2;

  const dialect: CsvDialect =
    best && !singleColumn
      ? best.dialect
      : {
          delimiter: fixedDelimiter ?? DEFAULT_DIALECT.delimiter,
          quote: declared.quote ?? DEFAULT_DIALECT.quote,
          escape: declared.escape ?? (declared.quote === '' ? '' : DEFAULT_DIALECT.escape),
        };
  const source: ReadingSource =
    declared.delimiter !== undefined && declared.quote !== undefined && declared.escape !== undefined
      ? 'declared'
      : sepDelimiter
        ? 'sep-line'
        : byExtension
          ? 'extension'
          : singleColumn
            ? 'default'
            : 'detected';
  const headerLine = options.headerLine ?? (table.header ? table.header.line + windowLine - 1 : windowLine);
  return { dialect, source, headerLine, preamble: preambleOf(text, starts, headerLine, dialect.delimiter) };
}

interface ScoredDialect {
  dialect: CsvDialect;
  records: SampleRecord[];
  score: number;
}

/** The best-scoring reading of the window among the candidates the declared parts and the window's characters allow. */
function bestDialect(window: string, truncated: boolean, declared: Partial<CsvDialect>, fixedDelimiter: CsvDelimiter | undefined): ScoredDialect | undefined {
  const delimiters = fixedDelimiter ? [fixedDelimiter] : CSV_DELIMITERS.filter((delimiter) => window.includes(delimiter));
  // Without a double quote in sight, reading with one is reading without: it is tried once, as the quote Sluice prefers.
  const quotes: CsvQuote[] =
    declared.quote !== undefined ? [declared.quote] : ['"', ...(window.includes('"') ? ([''] as const) : []), ...(/(^|[,;\t|\r\n]) *'/.test(window) ? (["'"] as const) : [])];
  const knownCells = new Map<string, boolean>();
  const knownCellsApostrophe = new Map<string, boolean>();
  let best: ScoredDialect | undefined;
  for (const delimiter of delimiters) {
    for (const quote of quotes) {
      const escapes: CsvEscape[] = declared.escape !== undefined ? [declared.escape] : quote === '' ? [''] : ['"', ...(window.includes(`\\${quote}`) ? (['\\'] as const) : [])];
      for (const escape of escapes) {
        const dialect: CsvDialect = { delimiter, quote, escape };
        // Reading without quotes is for files whose quotes do not work as quotes: only when reading with them broke a field.
        // Otherwise a long quoted value with line breaks, cut by the sample's end, would read as many rows of its own.
        if (quote === '' && declared.quote === undefined && !quotedReadingBroke(window, delimiter, truncated)) continue;
        const records = splitSample(window, dialect, truncated);
        const handicap = (quote === "'" ? APOSTROPHE_QUOTE_HANDICAP : 1) * (escape === '\\' ? BACKSLASH_ESCAPE_HANDICAP : 1);
        const score = consistencyScore(records, quote === "'" ? knownCellsApostrophe : knownCells, quote === "'") * handicap;
        if (!best || score > best.score) best = { dialect, records, score };
      }
    }
  }
  return best;
}

function quotedReadingBroke(window: string, delimiter: CsvDelimiter, truncated: boolean): boolean {
  return splitSample(window, { delimiter, quote: '"', escape: '"' }, truncated).some((record) => record.forms.includes('malformed'));
}

function hasAnyDelimiter(text: string): boolean {
  return CSV_DELIMITERS.some((delimiter) => text.includes(delimiter));
}

/** The sample without its last line, which a cut sample may hold only part of. */
function withoutLastLine(sample: string): string {
  const end = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
  if (end < 0) return sample;
  return sample.slice(0, sample[end] === '\n' && sample[end - 1] === '\r' ? end - 1 : end);
}

/** Offsets where physical lines 1…`count` begin (`\r\n`, `\n`, `\r` each one break); fewer when the text has fewer lines. */
function lineStarts(text: string, count: number): number[] {
  const starts = [0];
  for (let i = 0; i < text.length && starts.length < count; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** Physical line `line` (1-based) without its break, or undefined beyond the text. */
function lineAt(text: string, starts: number[], line: number): string | undefined {
  const start = starts[line - 1];
  if (start === undefined) return undefined;
  const next = starts[line];
  const end = next === undefined ? text.length : text[next - 1] === '\n' && text[next - 2] === '\r' ? next - 2 : next - 1;
  return text.slice(start, end);
}

/** The lines above the header that hold more than whitespace, delimiters and quotes. */
function preambleOf(text: string, starts: number[], headerLine: number, delimiter: CsvDelimiter): ReportedLine[] {
  const preamble: ReportedLine[] = [];
  for (let line = 1; line < headerLine && preamble.length < PREAMBLE_LINES; line++) {
    const content = lineAt(text, starts, line);
    if (content === undefined) break;
    if (content.split(delimiter).every((cell) => cell.replace(/["']/g, '').trim() === '')) continue;
    preamble.push({ line, text: content.length > PREAMBLE_TEXT ? `${content.slice(0, PREAMBLE_TEXT)}…` : content });
  }
  return preamble;
}
