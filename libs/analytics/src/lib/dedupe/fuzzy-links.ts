import type { DuckDBConnection } from '@duckdb/node-api';

import { sqlLiteral } from '../duckdb-session';
import type { FuzzyPlan } from './dedupe-plan';

/**
 * Links records whose `field` values are similar (Jaro–Winkler at or above the threshold) within a
 * block (`cell` names keyed's normalised cells), but only when one confirming field agrees exactly as well: similar surnames born the same day
 * (hearn / heron) are not the same person without a second piece of evidence, such as the postcode.
 *
 * All set-based: records are gathered into sets that share block, name and a confirming value (each
 * member linked to its set's first record); only the distinct names of a block are compared with each
 * other, and two sets are linked when their names are similar and they share the confirming value.
 */
export async function addFuzzyLinks(db: DuckDBConnection, fuzzy: FuzzyPlan, cell: (field: string) => string): Promise<void> {
  if (fuzzy.confirmBy.length === 0) return;
  const name = cell(fuzzy.field);
  // Without a block field, names are only compared with names that start alike.
  const block = fuzzy.blockBy ? cell(fuzzy.blockBy) : `left(${name}, 3)`;
  const confirmations = fuzzy.confirmBy.map((field, slot) => `SELECT record_id, ${block} AS block, ${name} AS name, ${slot + 1} AS slot, ${cell(field)} AS value FROM keyed`);
  await db.run(`CREATE TEMP TABLE fuzzy_confirmed AS SELECT * FROM (${confirmations.join(' UNION ALL ')})
    WHERE block IS NOT NULL AND name IS NOT NULL AND value IS NOT NULL`);
  await db.run(`CREATE TEMP TABLE fuzzy_sets AS SELECT block, name, slot, value, min(record_id) AS root FROM fuzzy_confirmed GROUP BY ALL`);
  const confirmedOn = (slot: string) => `[${fuzzy.confirmBy.map(sqlLiteral).join(', ')}][${slot}]`;
  const field = sqlLiteral(fuzzy.field);
  await db.run(`INSERT INTO links SELECT c.record_id, s.root, 'fuzzy', 0, ${field} || ' + ' || ${confirmedOn('slot')}, 1
    FROM fuzzy_confirmed c JOIN fuzzy_sets s USING (block, name, slot, value) WHERE c.record_id <> s.root`);
  await db.run(`CREATE TEMP TABLE fuzzy_similar AS SELECT block, name_a, name_b, similarity FROM (
      SELECT a.block, a.name AS name_a, b.name AS name_b, jaro_winkler_similarity(a.name, b.name) AS similarity
      FROM (SELECT DISTINCT block, name FROM fuzzy_sets) a JOIN (SELECT DISTINCT block, name FROM fuzzy_sets) b ON a.block = b.block AND a.name < b.name)
    WHERE similarity >= ${fuzzy.threshold}`);
  await db.run(`INSERT INTO links SELECT a.root, b.root, 'fuzzy', 0, ${field} || ' ≈ (' || printf('%.2f', p.similarity) || ') + ' || ${confirmedOn('a.slot')}, p.similarity
    FROM fuzzy_similar p
    JOIN fuzzy_sets a ON a.block = p.block AND a.name = p.name_a
    JOIN fuzzy_sets b ON b.block = p.block AND b.name = p.name_b AND b.slot = a.slot AND b.value = a.value`);
  for (const table of ['fuzzy_confirmed', 'fuzzy_sets', 'fuzzy_similar']) await db.run(`DROP TABLE ${table}`);
}
