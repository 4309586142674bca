import { sqlLiteral, withDuckDb } from '@sluice/analytics';

/** The floor for DuckDB work on a CSV file: read every row of it and count them, in a session like the worker's. */
export async function bareDuckDbRead(file: string): Promise<number> {
  return withDuckDb(async (db) => {
    const reader = await db.runAndReadAll(`SELECT count(*)::BIGINT FROM read_csv(${sqlLiteral(file)}, header = true)`);
    return Number(reader.getRows()[0][0]);
  });
}
