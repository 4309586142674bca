import type { CsvFileValidator, RowOutcome } from '../validation/csv-file-validator';
import { cellArray } from '../validation/row-cells';
import type { TableEvent } from './read-table';

/** Rows whose values help map the header (a column of emails favours an email field): the preview looks at as many. */
export const MAPPING_SAMPLE_ROWS = 100;
/** Sample cells kept at most, so a wide file's sample stays small. */
const HINT_CELLS = 400_000;

/**
 * Reads a table into the validator: for every batch of events, the rows that lets it decide (often none while it holds rows
 * back), and at the end the rows `finish` releases. The header waits for the first rows, whose values hint at
 * what each column holds; it is matched in slices, so a caller that heartbeats between rows keeps doing so.
 */
export async function* validateTable(batches: AsyncIterable<TableEvent[]>, validator: CsvFileValidator): AsyncGenerator<RowOutcome[]> {
  let header: string[] | null = null;
  let held: (TableEvent & { kind: 'row' | 'rejected' })[] = [];
  let heldCells = 0;
  const decide = async (): Promise<RowOutcome[]> => {
    const samples = held.flatMap((event) => (event.kind === 'row' ? [cellArray(event.cells)] : []));
    await validator.acceptHeader(header as string[], samples);
    const rows = held;
    held = [];
    return rows.flatMap((event) => validator.acceptTableEvent(event));
  };
  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    for (const event of batch) {
      if (event.kind === 'header') header = event.cells;
      else if (validator.hasHeader) outcomes.push(...validator.acceptTableEvent(event));
      else {
        held.push(event);
        if (event.kind === 'row') heldCells += event.cells.length;
        if (header !== null && (held.length >= MAPPING_SAMPLE_ROWS || heldCells >= HINT_CELLS)) outcomes.push(...(await decide()));
      }
    }
    // Yielded even when empty: the caller heartbeats between batches.
    yield outcomes;
  }
  if (header !== null && !validator.hasHeader) yield await decide();
  yield validator.finish();
}
