import type { DuckDBConnection } from '@duckdb/node-api';

import { DatasetSettingsProblem } from '../duckdb-session';
import { agreesOn, frequencyOf, levelOf, pairColumns, PlannedField, ProbabilisticPlan } from './probabilistic-records';

/** Blocking rules that would compare more pairs than a job can hold: the job fails with this, naming the rule, before any pair is made. */
export class BlockingTooWide extends DatasetSettingsProblem {
  override readonly name = 'BlockingTooWide';
}

/** Most candidate pairs a job may compare (about a gigabyte of pairs); a rule on a common value (a country, a gender) would make billions. */
export const MAX_CANDIDATE_PAIRS = 50_000_000;

const describe = (rule: PlannedField[]) => rule.map((f) => f.name).join(' + ');

/** Pairs each rule would make on its own (a < b): the sum over its blocks of n(n-1)/2, counted without making them. */
async function pairsPerRule(db: DuckDBConnection, plan: ProbabilisticPlan): Promise<number[]> {
  const counts = plan.rules.map((rule) => {
    const columns = rule.map((f) => `f${f.index}`);
    return `(SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (SELECT count(*) AS n FROM prob_records WHERE ${columns.map((c) => `${c} IS NOT NULL`).join(' AND ')} GROUP BY ${columns.join(', ')}))`;
  });
  const read = await db.runAndReadAll(`SELECT ${counts.join(', ')}`);
  return read.getRows()[0].map(Number);
}

/**
 * TEMP TABLE prob_pairs(a, b, rules, g<i>…, tf<i>…): every pair of records that agrees exactly on all
 * fields of at least one blocking rule, once (a < b), with its comparison level on each compared field
 * (NULL: a side is empty), `rules` the bit set of the rules it satisfies (bit r for rule r; EM trains
 * on each rule's pairs apart) and, for term-frequency fields agreeing exactly, the value's frequency.
 * Like Splink, rule r skips pairs an earlier rule already made instead of de-duplicating a union.
 */
export async function makeCandidatePairs(db: DuckDBConnection, plan: ProbabilisticPlan, maxPairs = MAX_CANDIDATE_PAIRS): Promise<number> {
  const counts = await pairsPerRule(db, plan);
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total > maxPairs) {
    const widest = counts.indexOf(Math.max(...counts));
    throw new BlockingTooWide(
      `Blocking rule ${widest + 1} (${describe(plan.rules[widest])}) would compare ${counts[widest].toLocaleString('en')} pairs of records; ` +
        `all rules together may compare at most ${maxPairs.toLocaleString('en')}: block on more fields`,
    );
  }
  const inner = [
    'a.record_id AS a',
    'b.record_id AS b',
    `${plan.rules.map((rule, r) => `(coalesce(${agreesOn(rule)}, false)::BIGINT << ${r})`).join(' | ')} AS rules`,
    ...plan.compared.flatMap(pairColumns),
  ].join(', ');
  const perRule = plan.rules.map((rule, r) => {
    const earlier = plan.rules.slice(0, r).map((previous) => ` AND NOT coalesce(${agreesOn(previous)}, false)`);
    return `SELECT ${inner} FROM prob_records a JOIN prob_records b ON ${agreesOn(rule)} AND a.record_id < b.record_id WHERE true${earlier.join('')}`;
  });
  const outer = [
    'a',
    'b',
    'rules',
    ...plan.compared.map((f) => `${levelOf(f)}::UTINYINT AS g${f.index}`),
    ...plan.compared.filter((f) => f.termFrequency).map((f) => `${frequencyOf(f)} AS tf${f.index}`),
  ];
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_pairs AS SELECT ${outer.join(', ')} FROM (${perRule.join(' UNION ALL ')})`);
  const made = await db.runAndReadAll('SELECT count(*) FROM prob_pairs');
  return Number(made.getRows()[0][0]);
}
