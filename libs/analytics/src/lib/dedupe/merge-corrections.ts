import type { DuckDBConnection } from '@duckdb/node-api';
import type { MergeCorrection } from '@sluice/contracts';

import { sqlLiteral } from '../duckdb-session';
import { LABELS_TABLE } from './connected-components';
import { recordIdOf } from './record-ids';

/**
 * Records a correction touched: `listed` when the reviewer named it (its reason becomes `correction`,
 * `matched_on` says what the reviewer did), otherwise a member of a group the correction changed.
 */
export const CORRECTION_MARKS_TABLE = 'correction_marks';

const WHAT_THE_REVIEWER_DID: Record<MergeCorrection['kind'], string> = { split: 'split off by a reviewer', join: 'joined by a reviewer' };

/**
 * Applies a job's corrections to the grouped records, in the order they were made, after linking and
 * before merging; each keeps the invariant that a group's label is its smallest record id.
 * - split: the listed records leave their groups and form one group of their own; what is left of
 *   each group stays together (links through the records taken out are not followed again).
 * - join: the groups holding the listed records become one.
 * Records that are in no group yet join the labels as groups of one; references to records the job
 * does not hold are ignored (the API refuses them when the correction is made).
 */
export async function applyCorrections(db: DuckDBConnection, corrections: MergeCorrection[]): Promise<void> {
  await db.run(`CREATE TEMP TABLE ${CORRECTION_MARKS_TABLE} (record_id BIGINT, listed BOOLEAN, matched_on VARCHAR, step INTEGER)`);
  for (const [step, correction] of corrections.entries()) {
    if (correction.records.length === 0) continue;
    const listed = `(${[...new Set(correction.records.map(recordIdOf))].join(', ')})`;
    await db.run(`INSERT INTO ${LABELS_TABLE} SELECT record_id, record_id FROM keyed
      WHERE record_id IN ${listed} AND record_id NOT IN (SELECT record_id FROM ${LABELS_TABLE})`);
    const touched = `(SELECT label FROM ${LABELS_TABLE} WHERE record_id IN ${listed})`;
    await db.run(`INSERT INTO ${CORRECTION_MARKS_TABLE} SELECT record_id, record_id IN ${listed}, ${sqlLiteral(WHAT_THE_REVIEWER_DID[correction.kind])}, ${step}
      FROM ${LABELS_TABLE} WHERE label IN ${touched}`);
    if (correction.kind === 'join') {
      await db.run(`UPDATE ${LABELS_TABLE} SET label = (SELECT min(label) FROM ${LABELS_TABLE} WHERE record_id IN ${listed}) WHERE label IN ${touched}`);
    } else {
      // The listed records become one group (whichever groups they came from); each group they left keeps the rest.
      await db.run(`UPDATE ${LABELS_TABLE} SET label = s.label
        FROM (SELECT record_id, min(record_id) OVER (PARTITION BY CASE WHEN record_id IN ${listed} THEN NULL ELSE label END) AS label
          FROM ${LABELS_TABLE} WHERE label IN ${touched}) s
        WHERE ${LABELS_TABLE}.record_id = s.record_id`);
    }
  }
}
