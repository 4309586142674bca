// Wide and large files on the parse path (what parseAndValidate does per file, S3 and Postgres left out):
//   header matching for 900 / 10,000 / 20,000 / 650,000 columns (the widest preset, people, and sensor_readings)
//   decode + read + validate + stage for 10,000 columns x 10,000 rows, against csv-parse's bare parse of the same file
// with the longest the event loop was held in each. `npm run bench` with BENCH=wide runs only this one;
// `-- 2000` reads 2,000 rows instead of 10,000.
//
// Measured on the shared 2-core machine (load 8-10), before → after this benchmark was written:
//   header matching (before: the whole parse of header + 3 rows), people: 900 cols 1.2 s → 35 ms, 10,000 cols 9.0 s → 0.12 s, 20,000 cols 17.7 s → 0.13 s,
//     650,000 cols (the 5 MB header) > 2 min, loop held throughout → 3.5 s in slices (loop held ≤ 60 ms);
//     with the default 20,000-column limit such a file is refused by the reader before any matching.
//   10,000 x 10,000 parse path: 41.5 s (csv-parse + validator) → 4.8 s; csv-parse's bare parse alone takes 21-24 s.
//   The whole job through the API and the test stack (389 MB upload, MAX_UPLOAD_MB raised): upload 8.7 s,
//     processing 10.7 s (parseAndValidate 7.0 s), 19.4 s in all.
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';

import { CsvFileValidator, peopleDataset, resolveHeaderLayoutStepwise, runInSlices, RowOutcome, sensorReadingsDataset, TableReader, validateTable } from '@sluice/core';
import type { DatasetDefinition } from '@sluice/core';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

const ROWS = Number(process.argv[2] ?? 10_000);
const COLUMNS = 10_000;

async function watched<T>(work: () => Promise<T>): Promise<{ ms: number; blockedMs: number; result: T }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  delay.disable();
  return { ms, blockedMs: delay.max / 1e6, result };
}

function header(columns: number, fields: string[]): string[] {
  const cells = Array.from({ length: columns }, (_, i) => `col_${i}`);
  fields.forEach((field, i) => (cells[i * Math.floor(columns / fields.length)] = field));
  return cells;
}

async function headerMatching(): Promise<void> {
  for (const dataset of [peopleDataset, sensorReadingsDataset] as DatasetDefinition[]) {
    for (const columns of [900, 10_000, 20_000, 650_000]) {
      const cells = header(
        columns,
        dataset.fields
          .filter((f) => f.required || dataset === peopleDataset)
          .slice(0, 3)
          .map((f) => f.name),
      );
      const run = await watched(() => runInSlices(resolveHeaderLayoutStepwise(dataset, cells)));
      if (!run.result.ok) throw new Error(run.result.error);
      console.log(
        `match ${columns.toLocaleString('en').padStart(7)} columns (${dataset.name.padEnd(15)}) ${run.ms.toFixed(0).padStart(6)} ms   loop held ≤ ${run.blockedMs.toFixed(0)} ms`,
      );
    }
  }
}

function makeWideFile(dir: string): string {
  const file = join(dir, 'wide.csv');
  const fd = openSync(file, 'w');
  writeSync(fd, header(COLUMNS, ['sensor_id', 'timestamp', 'value']).join(',') + '\n');
  for (let r = 0; r < ROWS; r += 1) {
    const cells = Array.from({ length: COLUMNS }, (_, c) => String((r + c) % 1000));
    cells[0] = `s-${r % 50}`;
    cells[Math.floor(COLUMNS / 3)] = '2024-01-01T00:00:00Z';
    writeSync(fd, cells.join(',') + '\n');
  }
  closeSync(fd);
  return file;
}

async function bareParse(file: string): Promise<number> {
  let rows = 0;
  for await (const _ of createReadStream(file).pipe(parse())) rows += 1;
  return rows - 1;
}

async function validateAndStage(file: string, staged: string): Promise<number> {
  const validator = new CsvFileValidator(sensorReadingsDataset);
  const out = stringify({ header: true, columns: sensorReadingsDataset.fields.map((f) => f.name) });
  const writing = pipeline(out, createWriteStream(staged));
  const table = new TableReader({ bytes: createReadStream(file), fileName: 'wide.csv' });
  let valid = 0;
  const take = async ({ result }: RowOutcome) => {
    if (!result.ok) throw new Error(result.error);
    valid += 1;
    if (!out.write(result.record)) await new Promise((resolve) => out.once('drain', resolve));
  };
  for await (const outcomes of validateTable(table.batches(), validator)) for (const outcome of outcomes) await take(outcome);
  out.end();
  await writing;
  return valid;
}

async function main() {
  await headerMatching();
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-wide-'));
  try {
    const file = makeWideFile(dir);
    const label = `${COLUMNS.toLocaleString('en')} columns x ${ROWS.toLocaleString('en')} rows (${(statSync(file).size / 1e6).toFixed(0)} MB)`;
    const base = await watched(() => bareParse(file));
    console.log(`${label}: baseline csv-parse bare parse       ${base.ms.toFixed(0).padStart(6)} ms   loop held ≤ ${base.blockedMs.toFixed(0)} ms`);
    const run = await watched(() => validateAndStage(file, join(dir, 'staged.csv')));
    if (run.result !== ROWS) throw new Error(`Expected ${ROWS} valid rows, got ${run.result}`);
    console.log(
      `${label}: decode + read + validate + stage ${run.ms.toFixed(0).padStart(6)} ms   loop held ≤ ${run.blockedMs.toFixed(0)} ms  ${(run.ms / base.ms).toFixed(2)}x baseline time`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
