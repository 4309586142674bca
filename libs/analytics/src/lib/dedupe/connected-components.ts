import type { DuckDBConnection } from '@duckdb/node-api';

/** Every linked record with its group's label: the smallest record id in its connected component. */
export const LABELS_TABLE = 'labels';

/**
 * Groups linked records transitively (A–B and B–C put A, B and C together), in DuckDB: every record
 * starts with the smallest id among itself and its neighbours, then rounds of two set-based UPDATEs
 * run until neither changes a row: take the smallest label among the neighbours', and jump to the
 * label of the record one's label names (pointer jumping, so a long chain takes a few rounds rather
 * than one per link). Labels only ever fall, so it ends; when it does, every record of a component
 * holds the component's smallest id. Key links are stars around their first record, so most groups
 * settle in the first round. Returns the number of rounds.
 */
export async function labelComponents(db: DuckDBConnection, links: string): Promise<number> {
  await db.run(`CREATE TEMP TABLE component_edges AS SELECT a AS id, b AS other FROM ${links} UNION SELECT b, a FROM ${links}`);
  await db.run(`CREATE TEMP TABLE ${LABELS_TABLE} AS SELECT id AS record_id, least(id, min(other)) AS label FROM component_edges GROUP BY id`);
  let rounds = 0;
  for (;;) {
    rounds += 1;
    const fromNeighbours = await db.run(`UPDATE ${LABELS_TABLE} SET label = n.label
      FROM (SELECT e.id, min(l.label) AS label FROM component_edges e JOIN ${LABELS_TABLE} l ON l.record_id = e.other GROUP BY e.id) n
      WHERE ${LABELS_TABLE}.record_id = n.id AND n.label < ${LABELS_TABLE}.label`);
    const jumped = await db.run(`UPDATE ${LABELS_TABLE} SET label = j.label
      FROM (SELECT l.record_id, t.label FROM ${LABELS_TABLE} l JOIN ${LABELS_TABLE} t ON t.record_id = l.label WHERE t.label < l.label) j
      WHERE ${LABELS_TABLE}.record_id = j.record_id`);
    if (fromNeighbours.rowsChanged === 0 && jumped.rowsChanged === 0) break;
  }
  await db.run('DROP TABLE component_edges');
  return rounds;
}
