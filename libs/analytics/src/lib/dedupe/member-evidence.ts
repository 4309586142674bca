import type { DuckDBConnection } from '@duckdb/node-api';

import { CORRECTION_MARKS_TABLE } from './merge-corrections';

/**
 * Why each member of a group is in it (record_id, reason, matched_on, probability, certainty), from
 * its links to other members of the same group (a link a correction cut no longer counts):
 * - reason: `correction` for the records a reviewer named; else the strongest evidence: a key
 *   alternative (the first, in the dataset's order), a fuzzy match (the most similar), a probabilistic
 *   pair (the most probable); `correction` also for a record only a correction keeps in its group.
 * - matched_on: that evidence in words; null for the group's first record.
 * - probability: the highest probability linking it into the group (probabilistic mode).
 * - certainty: 1 for a key or a reviewer's word, else its best link's similarity or probability.
 */
export const MEMBER_EVIDENCE_TABLE = 'member_evidence';

const REASON_ORDER = `CASE reason WHEN 'key' THEN 0 WHEN 'fuzzy' THEN 1 ELSE 2 END`;

export async function explainMembers(db: DuckDBConnection, links: string): Promise<void> {
  await db.run(`CREATE TEMP TABLE ${MEMBER_EVIDENCE_TABLE} AS
    WITH ends AS (SELECT a AS record_id, b AS other, reason, rank, matched_on, score FROM ${links}
        UNION ALL SELECT b, a, reason, rank, matched_on, score FROM ${links}),
      inside AS (SELECT e.* FROM ends e JOIN duplicates d ON d.record_id = e.record_id JOIN duplicates o ON o.record_id = e.other AND o.label = d.label),
      best AS (SELECT record_id,
          first({'reason': reason, 'matched_on': matched_on} ORDER BY ${REASON_ORDER}, rank, score DESC) AS evidence,
          CASE WHEN bool_or(reason = 'key') THEN 1 ELSE max(score) END AS certainty,
          max(score) FILTER (WHERE reason = 'probabilistic') AS probability
        FROM inside GROUP BY record_id),
      marked AS (SELECT record_id, bool_or(listed) AS listed, last(matched_on ORDER BY step) FILTER (WHERE listed) AS what FROM ${CORRECTION_MARKS_TABLE} GROUP BY record_id)
    SELECT d.record_id, d.label,
      CASE WHEN m.listed OR b.record_id IS NULL THEN 'correction' ELSE b.evidence.reason END AS reason,
      CASE WHEN d.record_id = d.label THEN NULL WHEN m.listed THEN m.what WHEN b.record_id IS NULL THEN 'kept in its group by a correction' ELSE b.evidence.matched_on END AS matched_on,
      b.probability,
      CASE WHEN m.listed OR b.record_id IS NULL THEN 1 ELSE b.certainty END AS certainty,
      m.record_id IS NOT NULL AS corrected
    FROM duplicates d LEFT JOIN best b ON b.record_id = d.record_id LEFT JOIN marked m ON m.record_id = d.record_id`);
}
