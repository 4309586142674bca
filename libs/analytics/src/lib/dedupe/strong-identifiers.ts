import type { DuckDBConnection } from '@duckdb/node-api';

/** Groups (by label) whose members hold different values of a strong identifier. */
export const FLAGGED_GROUPS_TABLE = 'flagged_groups';

/**
 * Flags the groups whose members disagree on a strong identifier (two SSNs, two customer ids), after
 * normalising, empty values aside. They stay merged — a key alternative or a correction put them
 * together, and a mistyped SSN is exactly what other alternatives recover — but they are counted and
 * listed first for review. `value` is a field's normalised value over keyed.
 */
export async function flagStrongConflicts(db: DuckDBConnection, strongIdentifiers: string[], value: (field: string) => string): Promise<void> {
  const disagree = strongIdentifiers.map((field) => `count(DISTINCT ${value(field)}) > 1`);
  await db.run(`CREATE TEMP TABLE ${FLAGGED_GROUPS_TABLE} AS SELECT d.label FROM duplicates d JOIN keyed k USING (record_id)
    GROUP BY d.label HAVING ${disagree.length ? disagree.join(' OR ') : 'false'}`);
}
