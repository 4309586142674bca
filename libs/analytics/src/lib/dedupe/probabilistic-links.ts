import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProbabilisticDedupe } from '@sluice/contracts';

import { estimateLambda, foldPatterns, trainM } from './probabilistic-em';
import { makeCandidatePairs } from './probabilistic-pairs';
import { planProbabilistic, prepareRecords } from './probabilistic-records';
import { scoreLinks } from './probabilistic-score';
import { estimateU } from './probabilistic-u';

export { BlockingTooWide, MAX_CANDIDATE_PAIRS } from './probabilistic-pairs';

/** The match probability at which pairs are linked when the settings do not say. */
export const DEFAULT_MATCH_THRESHOLD = 0.95;

export interface ProbabilisticLinksInput {
  /** A DuckDB table with columns record_id BIGINT, cells VARCHAR[] (values in `fields` order, NULL when empty). */
  records: string;
  fields: string[];
  settings: ProbabilisticDedupe;
  /** Most candidate pairs the blocking rules may make (MAX_CANDIDATE_PAIRS when absent); more fails with BlockingTooWide. */
  maxCandidatePairs?: number;
}

export interface ProbabilisticModel {
  /** Probability that two records picked at random are the same. */
  lambda: number;
  /** EM rounds run (all blocking rules' sessions run side by side). */
  iterations: number;
  fields: {
    field: string;
    levels: { label: string; m: number; u: number }[];
    /** False when every blocking rule holds this field, so its m could not be learnt and stayed at the prior. */
    trained?: boolean;
  }[];
  /** Pairs the blocking rules made, and the links among them (pairs at or above the threshold). */
  candidatePairs?: number;
  links?: number;
}

const SCRATCH = [
  'prob_records',
  'prob_pairs',
  'prob_u',
  'prob_u_sample',
  'prob_patterns',
  'prob_pattern_levels',
  'prob_pattern_weights',
  'prob_sessions',
  'prob_session_patterns',
  'prob_m',
  'prob_m_next',
  'prob_lambda',
  'prob_lambda_next',
  'prob_em_match',
];

async function readU(db: DuckDBConnection): Promise<Map<number, number[]>> {
  const read = await db.runAndReadAll('SELECT field, level, u FROM prob_u ORDER BY field, level');
  const u = new Map<number, number[]>();
  for (const [field, level, value] of read.getRows()) {
    const levels = u.get(Number(field)) ?? [];
    levels[Number(level)] = Number(value);
    u.set(Number(field), levels);
  }
  return u;
}

/**
 * Fellegi–Sunter scoring of a job's records, set-based in DuckDB, in Splink's manner: candidate pairs
 * from the blocking rules; each compared field's level per pair; u from random pairs; m by EM per
 * blocking rule; λ from the trained model; term-frequency adjustment of exact agreement; links at or
 * above the threshold. Creates TEMP TABLE `probabilistic_links(a BIGINT, b BIGINT, probability DOUBLE,
 * matched_on VARCHAR)` with a < b, leaves nothing else behind, and returns the model for reporting.
 */
export async function scoreProbabilisticLinks(db: DuckDBConnection, input: ProbabilisticLinksInput): Promise<ProbabilisticModel> {
  const plan = planProbabilistic(input.fields, input.settings);
  try {
    const records = await prepareRecords(db, input.records, input.fields, plan);
    const candidatePairs = await makeCandidatePairs(db, plan, input.maxCandidatePairs);
    await estimateU(db, plan);
    const u = await readU(db);
    await foldPatterns(db, plan);
    const { m, trained, iterations } = await trainM(db, plan);
    const lambda = await estimateLambda(db, plan, m, records);
    const links = await scoreLinks(db, plan, { lambda, m, u }, input.settings.threshold ?? DEFAULT_MATCH_THRESHOLD);
    return {
      lambda,
      iterations,
      fields: plan.compared.map((f) => ({
        field: f.name,
        levels: f.levels.labels.map((label, level) => ({ label, m: (m.get(f.index) as number[])[level], u: (u.get(f.index) as number[])[level] })),
        trained: trained.has(f.index),
      })),
      candidatePairs,
      links,
    };
  } finally {
    for (const table of SCRATCH) await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
