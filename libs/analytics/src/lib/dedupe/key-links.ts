import type { DuckDBConnection } from '@duckdb/node-api';

import { sqlLiteral } from '../duckdb-session';

/**
 * Links the records that agree on any key alternative (every field filled and equal after
 * normalising: `cell` names keyed's normalised cells). Each record that shares an alternative's value is linked to the first record holding
 * it, a star rather than every pair, so a value shared by thousands of records costs thousands of
 * links, not millions. `rank` keeps the alternative's place, which names the evidence.
 */
export async function addKeyLinks(db: DuckDBConnection, keys: string[][], cell: (field: string) => string): Promise<void> {
  for (const [rank, fields] of keys.entries()) {
    // NULL as soon as one field is empty, so a partly filled alternative matches nothing. Cells are
    // normalised already (keyed holds them so), and normalised text holds no "|".
    const value = fields.map(cell).join(` || '|' || `);
    await db.run(`INSERT INTO links WITH valued AS (SELECT record_id, ${value} AS value FROM keyed WHERE value IS NOT NULL)
      SELECT v.record_id, s.root, 'key', ${rank}, ${sqlLiteral(fields.join(' + '))}, 1
      FROM valued v JOIN (SELECT value, min(record_id) AS root FROM valued GROUP BY value HAVING count(*) > 1) s ON s.value = v.value
      WHERE v.record_id <> s.root`);
  }
}
