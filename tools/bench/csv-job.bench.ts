// Throughput of the csvJob processing path against baselines measured in the same run:
//   csv-parse bare parse  vs  decode + read + validate + stage (what parseAndValidate does per row)
//   DuckDB bare read      vs  the sensor results over the staged file (merge, metrics, aggregations)
// S3 and Postgres are left out: the benchmark would only measure the disk behind them.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { buildJobResults, mergeRecords, sqlLiteral, withDuckDb } from '@sluice/analytics';
import { CsvFileValidator, RowOutcome, sensorReadingsDataset, TableReader, validateTable } from '@sluice/core';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

import { bareDuckDbRead } from './duckdb-baseline';

const ROWS = Number(process.argv[2] ?? 500_000);
const INVALID_EVERY = 100;

function makeFile(dir: string): string {
  const file = join(dir, 'readings.csv');
  const lines = ['sensor_id,timestamp,value'];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < ROWS; i += 1) {
    const value = i % INVALID_EVERY === 0 ? 'n/a' : ((i * 7919) % 10000) / 100;
    lines.push(`sensor-${i % 50},${new Date(start + i * 60000).toISOString()},${value}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T; rssMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    return { ms: performance.now() - started, result, rssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

async function bareParse(file: string): Promise<number> {
  let rows = 0;
  for await (const _ of createReadStream(file).pipe(parse())) rows += 1;
  return rows - 1;
}

async function validateAndStage(file: string, staged: string): Promise<{ valid: number; invalid: number }> {
  const validator = new CsvFileValidator(sensorReadingsDataset);
  const out = stringify({ header: true, columns: sensorReadingsDataset.fields.map((f) => f.name) });
  const writing = pipeline(out, createWriteStream(staged));
  // As parseAndValidate reads a file: encoding, dialect and header line detected, then validated row by row.
  const table = new TableReader({ bytes: createReadStream(file), fileName: 'readings.csv' });
  const counts = { valid: 0, invalid: 0 };
  const take = async ({ result }: RowOutcome) => {
    if (result.ok) {
      counts.valid += 1;
      if (!out.write(result.record)) await new Promise((resolve) => out.once('drain', resolve));
    } else counts.invalid += 1;
  };
  for await (const outcomes of validateTable(table.batches(), validator)) for (const outcome of outcomes) await take(outcome);
  out.end();
  await writing;
  return counts;
}

function report(name: string, run: { ms: number; rssMb: number }, baseline?: { ms: number }) {
  const rate = Math.round(ROWS / (run.ms / 1000)).toLocaleString('en');
  const ratio = baseline ? `  ${(run.ms / baseline.ms).toFixed(2)}x baseline time` : '';
  console.log(`${name.padEnd(34)} ${run.ms.toFixed(0).padStart(6)} ms  ${rate.padStart(11)} rows/s  peak RSS ${run.rssMb.toFixed(0)} MB${ratio}`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
  try {
    const file = makeFile(dir);
    const staged = join(dir, 'staged.csv');
    console.log(`${ROWS.toLocaleString('en')} rows, 1 in ${INVALID_EVERY} invalid`);
    const parseBase = await time(() => bareParse(file));
    report('baseline: csv-parse bare parse', parseBase);
    const validated = await time(() => validateAndStage(file, staged));
    report('decode + read + validate + stage', validated, parseBase);
    const expectedInvalid = Math.ceil(ROWS / INVALID_EVERY);
    if (validated.result.invalid !== expectedInvalid) throw new Error(`Expected ${expectedInvalid} invalid rows, got ${validated.result.invalid}`);
    const duckBase = await time(() => bareDuckDbRead(file));
    report('baseline: DuckDB bare read', duckBase);
    const types = Object.fromEntries(sensorReadingsDataset.fields.map((f) => [f.name, f.type]));
    const fields = sensorReadingsDataset.fields.map((f) => f.name);
    const aggregated = await time(() =>
      buildJobResults({
        scratch: dir,
        source: { kind: 'dataset', rows: { files: [staged], fields, types } },
        types,
        metrics: sensorReadingsDataset.metrics ?? null,
        records: false,
      }),
    );
    report('sensor results: merge, metrics, aggregations (DuckDB)', aggregated, duckBase);
    if (aggregated.result.aggregations?.row_count !== validated.result.valid) throw new Error('Aggregated row count differs from valid rows');

    // Merge and de-duplicate people-like records: 1 in 10 repeats an earlier email with more fields.
    const people = join(dir, 'people.csv');
    const lines = ['full_name,email,company_domain,job_title'];
    for (let i = 0; i < ROWS; i += 1) {
      const person = i % 10 === 9 ? i - 5 : i;
      lines.push(i % 10 === 9 ? `Person ${person},p${person}@corp${person % 997}.com,corp${person % 997}.com,Manager` : `Person ${person},p${person}@corp${person % 997}.com,,`);
    }
    writeFileSync(people, lines.join('\n') + '\n');
    const peopleBase = await time(() => bareDuckDbRead(people));
    report('baseline: DuckDB bare read (people)', peopleBase);
    const merged = await time(() =>
      withDuckDb(
        async (db) =>
          (
            await mergeRecords(db, {
              files: [people],
              fields: ['full_name', 'email', 'company_domain', 'job_title'],
              dedupe: { keys: [['email'], ['full_name', 'company_domain']], policy: 'most_complete' },
              output: join(dir, 'merged.csv'),
            })
          ).stats,
      ),
    );
    report('merge + de-duplicate (DuckDB)', merged, peopleBase);
    if (merged.result.duplicatesRemoved !== ROWS / 10) throw new Error(`Expected ${ROWS / 10} duplicates, got ${merged.result.duplicatesRemoved}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
