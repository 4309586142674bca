import { parse } from 'csv-parse/sync';

/**
 * The header row of the start of a CSV file, which may stop mid-file: its first record, BOM dropped.
 * Empty when there is none; throws (csv-parse's error) when the line cannot be read as CSV.
 */
export function headerRowOf(sample: string): string[] {
  const firstLine = sample.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const [header] = parse(firstLine, { relax_column_count: true, relax_quotes: true }) as string[][];
  return header ?? [];
}
