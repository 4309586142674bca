import type { DuckDBConnection } from '@duckdb/node-api';

import type { DedupePlan } from './dedupe-plan';
import { addFuzzyLinks } from './fuzzy-links';
import { addKeyLinks } from './key-links';
import { type ProbabilisticModel, scoreProbabilisticLinks } from './probabilistic-links';

/** The table of links linking writes: every pair of records found to be the same, and why. */
export const LINKS_TABLE = 'links';

/** The records table handed to the probabilistic scorer. */
const SCORED_RECORDS = 'dedupe_scored_records';

/**
 * Finds the links between a job's records that the dataset's de-duplication asks for, into `links`
 * (a, b, reason, rank, matched_on, score): key alternatives and confirmed fuzzy matches in rules
 * mode, scored pairs in probabilistic mode. Reads the narrow `keyed` table, whose cells `cell` names.
 * Returns the probabilistic model when one was estimated.
 */
export async function findLinks(db: DuckDBConnection, plan: DedupePlan, cell: (field: string) => string): Promise<ProbabilisticModel | undefined> {
  await db.run(`CREATE TEMP TABLE ${LINKS_TABLE} (a BIGINT, b BIGINT, reason VARCHAR, rank INTEGER, matched_on VARCHAR, score DOUBLE)`);
  await addKeyLinks(db, plan.keys, cell);
  if (plan.fuzzy) await addFuzzyLinks(db, plan.fuzzy, cell);
  if (!plan.probabilistic) return undefined;
  const { fields, settings } = plan.probabilistic;
  await db.run(`CREATE TEMP TABLE ${SCORED_RECORDS} AS SELECT record_id, list_value(${fields.map(cell).join(', ')})::VARCHAR[] AS cells FROM keyed`);
  const model = await scoreProbabilisticLinks(db, { records: SCORED_RECORDS, fields, settings });
  await db.run(`INSERT INTO ${LINKS_TABLE} SELECT a, b, 'probabilistic', 0, matched_on, probability FROM probabilistic_links`);
  await db.run(`DROP TABLE probabilistic_links`);
  await db.run(`DROP TABLE ${SCORED_RECORDS}`);
  return model;
}
