import type { DuckDBConnection } from '@duckdb/node-api';

import type { PlannedField, ProbabilisticPlan } from './probabilistic-records';

/** Splink's defaults: at most 25 rounds, stop when no probability moves by more than 0.0001. */
const MAX_ITERATIONS = 25;
const CONVERGED = 1e-4;
/** Expected matches added to every level: a level no match reached keeps a small m (a finite weight against). */
const PSEUDO_MATCHES = 0.5;
/** Where every rule's EM starts: the share of its pairs that match. */
const START_LAMBDA = 0.1;
/** Keeps log-odds finite when a rule's pairs are (almost) all matches, or none. */
const CLAMP = 1e-6;

/**
 * Where m starts for a field with these levels, and where it stays for a field no rule can train:
 * duplicates mostly agree exactly, rarely disagree outright, and the fuzzy levels share the rest.
 */
export function priorM(levels: number): number[] {
  if (levels === 2) return [0.95, 0.05];
  const fuzzy = 0.15 / (levels - 2);
  return Array.from({ length: levels }, (_, level) => (level === 0 ? 0.8 : level === levels - 1 ? 0.05 : fuzzy));
}

export interface TrainedM {
  /** m per level of each compared field, by field index. */
  m: Map<number, number[]>;
  /** Fields whose m was learnt (others keep priorM). */
  trained: Set<number>;
  iterations: number;
}

const rows = (values: (string | number)[][]) => values.map((row) => `(${row.join(', ')})`).join(', ');

/**
 * TEMP TABLES prob_patterns(pattern_id, rules, g<i>…, pairs) and prob_pattern_levels(pattern_id,
 * field, level): the candidate pairs folded into their distinct agreement patterns, which is all EM
 * needs (without term frequencies, as Splink's estimate_without_term_frequencies), so each round
 * reads hundreds of rows, not millions of pairs.
 */
export async function foldPatterns(db: DuckDBConnection, plan: ProbabilisticPlan): Promise<void> {
  const levels = plan.compared.map((f) => `g${f.index}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_patterns AS
    SELECT row_number() OVER (ORDER BY rules, ${levels.join(', ')}) AS pattern_id, *
    FROM (SELECT rules, ${levels.join(', ')}, count(*) AS pairs FROM prob_pairs GROUP BY ALL)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_pattern_levels AS SELECT pattern_id, field, level
    FROM (SELECT pattern_id, unnest([${plan.compared.map((f) => f.index).join(', ')}]) AS field, unnest([${levels.join(', ')}]) AS level FROM prob_patterns)
    WHERE level IS NOT NULL`);
}

/** One EM round for every rule's session at once: E-step into prob_em_match, M-step into prob_m_next / prob_lambda_next. */
async function emRound(db: DuckDBConnection): Promise<number> {
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_em_match AS
    SELECT sp.session, sp.pattern_id, sp.pairs, 1 / (1 + exp(-(ln(l.lambda / (1 - l.lambda)) + coalesce(w.weight, 0)))) AS match
    FROM prob_session_patterns sp JOIN prob_lambda l USING (session)
    LEFT JOIN (SELECT sp.session, sp.pattern_id, sum(ln(m.m / u.u)) AS weight
      FROM prob_session_patterns sp JOIN prob_pattern_levels pl USING (pattern_id)
      JOIN prob_m m ON m.session = sp.session AND m.field = pl.field AND m.level = pl.level
      JOIN prob_u u ON u.field = pl.field AND u.level = pl.level
      GROUP BY sp.session, sp.pattern_id) w USING (session, pattern_id)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_m_next AS
    SELECT m.session, m.field, m.level, (coalesce(c.mass, 0) + ${PSEUDO_MATCHES}) / sum(coalesce(c.mass, 0) + ${PSEUDO_MATCHES}) OVER (PARTITION BY m.session, m.field) AS m
    FROM prob_m m LEFT JOIN (SELECT e.session, pl.field, pl.level, sum(e.pairs * e.match) AS mass
      FROM prob_em_match e JOIN prob_pattern_levels pl USING (pattern_id) GROUP BY ALL) c USING (session, field, level)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_lambda_next AS
    SELECT session, least(greatest(sum(pairs * match) / sum(pairs), ${CLAMP}), ${1 - CLAMP}) AS lambda FROM prob_em_match GROUP BY session`);
  const change = await db.runAndReadAll(`SELECT greatest(
      (SELECT max(abs(n.m - o.m)) FROM prob_m_next n JOIN prob_m o USING (session, field, level)),
      (SELECT max(abs(n.lambda - o.lambda)) FROM prob_lambda_next n JOIN prob_lambda o USING (session)))`);
  await db.run('CREATE OR REPLACE TEMP TABLE prob_m AS FROM prob_m_next');
  await db.run('CREATE OR REPLACE TEMP TABLE prob_lambda AS FROM prob_lambda_next');
  return Number(change.getRows()[0][0]);
}

/**
 * m of every compared field by EM over the candidate pairs, u fixed (prob_u). Pairs made by a
 * blocking rule all agree on the rule's fields, so those fields' m cannot be learnt from them: as
 * Splink's training sessions do, each rule trains only the other compared fields on its own pairs.
 * All rules' sessions run in the same queries, side by side; a field's m is then pooled from the
 * expected matches of every session that trained it. A field that is in every rule keeps its prior
 * (it agrees on every candidate pair, so it separates none of them; only the probabilities' scale
 * depends on it).
 */
export async function trainM(db: DuckDBConnection, plan: ProbabilisticPlan): Promise<TrainedM> {
  const sessions = plan.rules.map((rule, r) => ({ r, fields: plan.compared.filter((f) => !rule.includes(f)) })).filter((s) => s.fields.length > 0);
  const prior = new Map(plan.compared.map((f) => [f.index, priorM(f.levels.labels.length)]));
  if (sessions.length === 0) return { m: prior, trained: new Set(), iterations: 0 };
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_sessions AS FROM (VALUES ${rows(sessions.flatMap((s) => s.fields.map((f) => [s.r, f.index])))}) v(session, field)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_session_patterns AS SELECT s.session, p.pattern_id, p.pairs
    FROM (SELECT DISTINCT session FROM prob_sessions) s JOIN prob_patterns p ON (p.rules >> s.session) & 1 = 1`);
  const patterns = await db.runAndReadAll('SELECT count(*) FROM prob_session_patterns');
  if (Number(patterns.getRows()[0][0]) === 0) return { m: prior, trained: new Set(), iterations: 0 };
  const start = sessions.flatMap((s) => s.fields.flatMap((f) => (prior.get(f.index) as number[]).map((m, level) => [s.r, f.index, level, m])));
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_m AS SELECT session, field, level, m::DOUBLE AS m FROM (VALUES ${rows(start)}) v(session, field, level, m)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_lambda AS SELECT DISTINCT session, ${START_LAMBDA}::DOUBLE AS lambda FROM prob_session_patterns`);
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    iterations += 1;
    if ((await emRound(db)) < CONVERGED) break;
  }
  const pooled = await db.runAndReadAll(`SELECT pl.field, pl.level, sum(e.pairs * e.match) AS mass
    FROM prob_em_match e JOIN prob_pattern_levels pl USING (pattern_id) JOIN prob_sessions s ON s.session = e.session AND s.field = pl.field
    GROUP BY ALL`);
  return { ...poolM(plan.compared, prior, pooled.getRows() as [number, number, number][]), iterations };
}

/** Expected matches per level summed over sessions, as probabilities; fields no session saw keep the prior. */
function poolM(compared: PlannedField[], prior: Map<number, number[]>, masses: [number, number, number][]): Omit<TrainedM, 'iterations'> {
  const m = new Map(prior);
  const trained = new Set<number>();
  for (const field of compared) {
    const own = masses.filter(([f]) => Number(f) === field.index);
    if (own.length === 0) continue;
    const mass = field.levels.labels.map((_, level) => own.filter(([, l]) => Number(l) === level).reduce((sum, row) => sum + Number(row[2]), 0));
    const total = mass.reduce((sum, x) => sum + x + PSEUDO_MATCHES, 0);
    m.set(
      field.index,
      mass.map((x) => (x + PSEUDO_MATCHES) / total),
    );
    trained.add(field.index);
  }
  return { m, trained };
}

/**
 * λ, the probability that two records picked at random are the same: the expected matches among the
 * candidate pairs (pairs no rule made are taken as non-matches) over all N(N-1)/2 pairs, found by
 * iterating λ ← Σ P(match | pattern, λ) / pairs from "every candidate matches" down to its fixed
 * point. Splink asks the user for deterministic rules and their recall instead; this needs nothing
 * more than the trained m and u.
 */
export async function estimateLambda(db: DuckDBConnection, plan: ProbabilisticPlan, m: Map<number, number[]>, records: number): Promise<number> {
  const allPairs = (records * (records - 1)) / 2;
  const weights = plan.compared.flatMap((f) => (m.get(f.index) as number[]).map((value, level) => [f.index, level, value]));
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_pattern_weights AS
    SELECT p.pattern_id, p.pairs, coalesce(sum(ln(w.m / u.u)), 0) AS weight
    FROM prob_patterns p LEFT JOIN prob_pattern_levels pl USING (pattern_id)
    LEFT JOIN (VALUES ${rows(weights)}) w(field, level, m) ON w.field = pl.field AND w.level = pl.level
    LEFT JOIN prob_u u ON u.field = pl.field AND u.level = pl.level
    GROUP BY p.pattern_id, p.pairs`);
  const candidates = Number((await db.runAndReadAll('SELECT coalesce(sum(pairs), 0) FROM prob_pattern_weights')).getRows()[0][0]);
  let lambda = Math.min(candidates / Math.max(allPairs, 1), 1 - CLAMP);
  if (lambda === 0) return 1 / Math.max(records, 1);
  for (let round = 0; round < 100; round += 1) {
    const logOdds = Math.log(lambda / (1 - lambda));
    const read = await db.runAndReadAll(`SELECT sum(pairs / (1 + exp(-(${logOdds} + weight)))) FROM prob_pattern_weights`);
    const next = Math.min(Math.max(Number(read.getRows()[0][0]) / allPairs, CLAMP / allPairs), 1 - CLAMP);
    const moved = Math.abs(next - lambda) / lambda;
    lambda = next;
    if (moved < 1e-6) break;
  }
  return lambda;
}
