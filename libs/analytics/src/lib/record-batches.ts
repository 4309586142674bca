import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeliveryBatchPlan } from '@sluice/contracts';

import { writeLines } from './text-lines';

/** Records per delivery activity; large jobs get larger batches so the workflow history stays short. */
export function batchSizeFor(total: number, minimum = 1000, maxBatches = 1000): number {
  return Math.max(minimum, Math.ceil(total / maxBatches));
}

export interface RecordBatches {
  total: number;
  batches: DeliveryBatchPlan[];
}

/**
 * Writes the JSON lines of `source` (a relation with a `record` column) in `order` to `output`, and
 * cuts them into delivery batches by byte offset from the lines' own lengths: nothing reads the
 * file back. `end` is the offset of a batch's last newline.
 */
export async function writeRecordLines(db: DuckDBConnection, source: string, order: string, output: string): Promise<RecordBatches> {
  await writeLines(db, `SELECT record FROM ${source} ORDER BY ${order}`, output);
  const [[count]] = (await db.runAndReadAll(`SELECT count(*) FROM ${source}`)).getRows();
  const total = Number(count);
  const size = batchSizeFor(total);
  const sizes = await db.runAndReadAll(`SELECT n // ${size} AS batch, count(*), sum(bytes) FROM (
      SELECT row_number() OVER (ORDER BY ${order}) - 1 AS n, strlen(record) + 1 AS bytes FROM ${source}) GROUP BY 1 ORDER BY 1`);
  const batches: DeliveryBatchPlan[] = [];
  let start = 0;
  for (const [index, records, bytes] of sizes.getRows()) {
    const end = start + Number(bytes) - 1;
    batches.push({ index: Number(index), firstRecord: Number(index) * size, count: Number(records), start, end });
    start = end + 1;
  }
  return { total, batches };
}
