import type { CsvFileValidator, RowOutcome } from './csv-file-validator';
import type { RecordLimits } from './csv-record-reader';
import { csvRecords } from './csv-record-reader';

/**
 * Reads a decoded CSV stream into the validator: for every row read, the rows that lets it decide (often none
 * while it holds rows back), and at the end the rows `finish` releases. The header is matched in slices, so a
 * caller that heartbeats between rows keeps doing so.
 */
export async function* validateCsvStream(text: AsyncIterable<string>, validator: CsvFileValidator, limits: RecordLimits): AsyncGenerator<RowOutcome[]> {
  for await (const event of csvRecords(text, limits)) {
    if (!validator.hasHeader && event.kind === 'record') {
      await validator.acceptHeader(event.cells);
      yield [];
    } else yield validator.acceptEvent(event);
  }
  yield validator.finish();
}
