// The results step of a sensor job (merge, clean.csv, records with their batches, daily metrics and the
// job page's aggregations, in one DuckDB session) against a DuckDB bare read + write of the same staged
// file, measured in the same run. S3 and Postgres are left out. `BENCH=results npm run bench -- 1000000`.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildJobResults, sqlLiteral, withDuckDb } from '@sluice/analytics';
import { sensorReadingsDataset } from '@sluice/core';

const ROWS = Number(process.argv[2] ?? 1_000_000);

/** A staged sensor file: 500 sensors, one reading a minute. */
async function makeFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line + '\n')) await once(out, 'drain');
  };
  await write('sensor_id,timestamp,value');
  const start = Date.UTC(2026, 0, 1);
  for (let r = 0; r < rows; r += 1) await write(`s-${r % 500},${new Date(start + r * 60_000).toISOString()},${(r % 997) / 4}`);
  out.end();
  await once(out, 'finish');
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-results-'));
  try {
    const file = join(dir, 'staged.csv');
    await makeFile(file, ROWS);
    const types = Object.fromEntries(sensorReadingsDataset.fields.map((f) => [f.name, f.type]));
    const fields = sensorReadingsDataset.fields.map((f) => f.name);
    const report = (step: string, ms: number, extra = '') => console.log(`${ROWS.toLocaleString('en')} rows  ${step.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms  ${extra}`);
    const baseline = await time(() =>
      withDuckDb((db) => db.run(`COPY (SELECT * FROM read_csv(${sqlLiteral(file)}, header = true, all_varchar = true)) TO ${sqlLiteral(join(dir, 'copy.csv'))} (HEADER)`)),
    );
    report('baseline: DuckDB bare read + write', baseline.ms);
    const results = await time(() =>
      buildJobResults({ scratch: dir, source: { kind: 'dataset', rows: { files: [file], fields, types } }, types, metrics: sensorReadingsDataset.metrics ?? null, records: true }),
    );
    const { merge, daily, records } = results.result;
    report(
      'results: merge, clean.csv, records, metrics, aggregations',
      results.ms,
      `(${(results.ms / baseline.ms).toFixed(1)}x baseline; ${merge.rowsOut} rows, ${daily?.rows.length} daily parts, ${records?.batches.length} batches)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
