import type { DuckDBConnection } from '@duckdb/node-api';

import { levelOf, pairColumns, ProbabilisticPlan } from './probabilistic-records';

/** Random pairs u is estimated from (Splink's default): about 1,400 records compared with each other. */
export const U_SAMPLE_PAIRS = 1_000_000;
/** Fixed, so the same records give the same sample, model and links on every run. */
const SAMPLE_SEED = 1515;
/** Pairs added to every level's count: a level no sampled pair reached gets a small u, not zero (an infinite weight). */
const PSEUDO_PAIRS = 0.5;

/** Records needed for `pairs` pairs among themselves: r(r-1)/2 = pairs. */
const recordsFor = (pairs: number) => Math.ceil(0.5 * (Math.sqrt(8 * pairs + 1) + 1));

/** VALUES rows (field, level) of every non-null level of every compared field. */
const levelRows = (plan: ProbabilisticPlan) => plan.compared.flatMap((f) => f.levels.labels.map((_, level) => `(${f.index}, ${level})`)).join(', ');

/**
 * TEMP TABLE prob_u(field, level, u): how often two records that are not the same person fall in each
 * level, from every pair of a fixed pseudo-random sample of records (random pairs are almost all
 * non-matches), the null level left out. Kept fixed during EM, as Splink recommends: u is precisely
 * estimable this way, and fixing it keeps EM's "non-match" class anchored to random pairs. Term
 * frequencies replace the exact level's u per value later, when pairs are scored.
 */
export async function estimateU(db: DuckDBConnection, plan: ProbabilisticPlan, samplePairs = U_SAMPLE_PAIRS): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_u_sample AS SELECT * FROM prob_records
    ORDER BY hash(record_id, ${SAMPLE_SEED}), record_id LIMIT ${recordsFor(samplePairs)}`);
  const columns = plan.compared.flatMap(pairColumns).join(', ');
  const levels = plan.compared.map((f) => `${levelOf(f)} AS g${f.index}`).join(', ');
  const gammas = plan.compared.map((f) => `g${f.index}`).join(', ');
  // Folded into agreement patterns first: a million pairs make a few hundred, which unnest cheaply.
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_u AS
    WITH patterns AS (SELECT ${gammas}, count(*) AS pairs
        FROM (SELECT ${levels} FROM (SELECT ${columns} FROM prob_u_sample a JOIN prob_u_sample b ON a.record_id < b.record_id)) GROUP BY ALL),
      counted AS (SELECT field, level, sum(pairs) AS pairs
        FROM (SELECT unnest([${plan.compared.map((f) => f.index).join(', ')}]) AS field, unnest([${gammas}]) AS level, pairs FROM patterns)
        WHERE level IS NOT NULL GROUP BY ALL),
      known(field, level) AS (VALUES ${levelRows(plan)})
    SELECT known.field, known.level, (coalesce(counted.pairs, 0) + ${PSEUDO_PAIRS}) / sum(coalesce(counted.pairs, 0) + ${PSEUDO_PAIRS}) OVER (PARTITION BY known.field) AS u
    FROM known LEFT JOIN counted USING (field, level)`);
  await db.run('DROP TABLE prob_u_sample');
}
