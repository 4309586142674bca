import type { CsvDialect } from '@sluice/contracts';
import { parse } from 'csv-parse/sync';

/**
 * The header row of the start of a CSV file, which may stop mid-file: its first line read as a record in the
 * given dialect (`,` `"` by default), BOM dropped. Empty when there is none; throws (csv-parse's error) when the
 * line cannot be read as CSV.
 */
export function headerRowOf(sample: string, dialect?: CsvDialect): string[] {
  const firstLine = sample.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const quote = dialect?.quote ?? '"';
  const [header] = parse(firstLine, {
    delimiter: dialect?.delimiter ?? ',',
    quote: quote === '' ? false : quote,
    escape: dialect?.escape === '\\' ? '\\' : quote || '"',
    relax_column_count: true,
    relax_quotes: true,
  }) as string[][];
  return header ?? [];
}
