import type { DuckDBConnection } from '@duckdb/node-api';

import { sqlLiteral } from '../duckdb-session';
import type { PlannedField, ProbabilisticPlan } from './probabilistic-records';

export interface ScoringModel {
  lambda: number;
  m: Map<number, number[]>;
  u: Map<number, number[]>;
}

/** A number as a SQL literal DuckDB reads back exactly. */
const literal = (value: number) => (Number.isFinite(value) ? `${value}::DOUBLE` : '0::DOUBLE');

/**
 * SQL of a pair's match weight (log2 Bayes factor) on `field`: log2(m/u) of its level, nothing for
 * the null level. With term frequencies, exact agreement weighs log2(m / frequency of the value)
 * instead (Splink's adjustment: u replaced by the value's frequency), so agreeing on a common
 * surname counts for less than agreeing on a rare one.
 */
function fieldWeight(field: PlannedField, model: ScoringModel): string {
  const m = model.m.get(field.index) as number[];
  const u = model.u.get(field.index) as number[];
  const cases = m.map((mLevel, level) => {
    const weight = level === 0 && field.termFrequency ? `${literal(Math.log2(mLevel))} - log2(tf${field.index})` : literal(Math.log2(mLevel / u[level]));
    return `WHEN ${level} THEN ${weight}`;
  });
  return `CASE g${field.index} ${cases.join(' ')} ELSE 0 END`;
}

/** "surname + date_of_birth ≈ given_name": the fields agreeing exactly, then those agreeing closely; NULL when none do. */
function matchedOn(plan: ProbabilisticPlan): string {
  const exact = plan.compared.map((f) => `CASE WHEN g${f.index} = 0 THEN ${sqlLiteral(f.name)} END`);
  const close = plan.compared.map((f) => `CASE WHEN g${f.index} BETWEEN 1 AND ${f.levels.labels.length - 2} THEN ${sqlLiteral(` ≈ ${f.name}`)} END`);
  return `nullif(trim(concat(concat_ws(' + ', ${exact.join(', ')}), ${close.join(', ')})), '')`;
}

/**
 * TEMP TABLE probabilistic_links(a, b, probability, matched_on): the candidate pairs whose match
 * probability, from the prior odds λ/(1-λ) and every field's weight, reaches `threshold`.
 */
export async function scoreLinks(db: DuckDBConnection, plan: ProbabilisticPlan, model: ScoringModel, threshold: number): Promise<number> {
  const prior = literal(Math.log2(model.lambda / (1 - model.lambda)));
  const weight = [prior, ...plan.compared.map((f) => fieldWeight(f, model))].join(' + ');
  await db.run('DROP TABLE IF EXISTS probabilistic_links');
  // Filtered before matched_on is built: most candidate pairs are not links.
  await db.run(`CREATE TEMP TABLE probabilistic_links AS
    SELECT a, b, probability, ${matchedOn(plan)}::VARCHAR AS matched_on
    FROM (SELECT *, 1 / (1 + pow(2, -(${weight}))) AS probability FROM prob_pairs) WHERE probability >= ${literal(threshold)}`);
  const kept = await db.runAndReadAll('SELECT count(*) FROM probabilistic_links');
  return Number(kept.getRows()[0][0]);
}
