// Merge and write time of wide files (datasets with keepUnmapped keep every column): the DuckDB steps
// must stay roughly linear in cells. `BENCH=wide npm run bench -- 900x3 10000x10000 20000x100`.
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildJobResults, joinPipeline, mergeRecords, sqlLiteral, withDuckDb } from '@sluice/analytics';

import { time } from './wall-time';

const SHAPES = (process.argv.length > 2 ? process.argv.slice(2) : ['900x3', '10000x10000', '20000x100']).map((shape) => {
  const [columns, rows] = shape.split('x').map(Number);
  return { columns, rows };
});

/** A staged file: email, name, then `columns - 2` kept columns, mostly short, some empty; 1 row in 10 repeats an email. */
async function makeFile(path: string, columns: number, rows: number): Promise<string[]> {
  const fields = ['email', 'full_name', ...Array.from({ length: columns - 2 }, (_, i) => `extra_${i}`)];
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line + '\n')) await once(out, 'drain');
  };
  await write(fields.join(','));
  for (let r = 0; r < rows; r += 1) {
    const person = r % 10 === 9 ? r - 5 : r;
    const cells = [`p${person}@x.com`, `P ${person}`];
    for (let c = 2; c < columns; c += 1) cells.push((r + c) % 3 === 0 ? '' : String((r * 31 + c) % 100));
    await write(cells.join(','));
  }
  out.end();
  await once(out, 'finish');
  return fields;
}

async function main() {
  for (const { columns, rows } of SHAPES) {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-wide-'));
    try {
      const file = join(dir, 'staged.csv');
      const fields = await makeFile(file, columns, rows);
      const label = `${columns.toLocaleString('en')} columns x ${rows.toLocaleString('en')} rows`;
      const report = (step: string, ms: number, extra = '') => console.log(`${label.padEnd(34)} ${step.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms  ${extra}`);
      const baseline = await time(() =>
        withDuckDb((db) => db.run(`COPY (SELECT * FROM read_csv(${sqlLiteral(file)}, header = true, all_varchar = true)) TO ${sqlLiteral(join(dir, 'copy.csv'))} (HEADER)`)),
      ).catch((error: Error) => ({ ms: NaN, result: error.message.slice(0, 120) }));
      report('baseline: DuckDB read + write', baseline.ms);
      const runs = [
        { step: 'merge (first)', policy: 'first' as const, records: false },
        { step: 'merge (most_complete) + records', policy: 'most_complete' as const, records: true },
      ];
      for (const { step, policy, records } of runs) {
        try {
          const merged = await time(() =>
            withDuckDb(
              async (db) =>
                (
                  await mergeRecords(db, {
                    files: [file],
                    fields,
                    dedupe: { keys: [['email']], policy },
                    output: join(dir, 'merged.csv'),
                    ...(records ? { records: { output: join(dir, 'merged.ndjson'), types: {} } } : {}),
                  })
                ).stats,
            ),
          );
          report(step, merged.ms, JSON.stringify(merged.result));
        } catch (error) {
          console.log(`${label.padEnd(34)} ${step.padEnd(34)} FAILED ${String((error as Error).message).slice(0, 160)}`);
        }
      }
      try {
        const types = Object.fromEntries(fields.map((f) => [f, 'string' as const]));
        const joined = await time(() =>
          withDuckDb((db) =>
            joinPipeline(db, {
              base: 'a',
              joins: [],
              files: { a: join(dir, 'merged.csv') },
              fieldTypes: { a: types },
              output: join(dir, 'joined.csv'),
              records: { output: join(dir, 'joined.ndjson'), types },
            }),
          ),
        );
        report('join (base only) + records', joined.ms);
        const metrics = await time(() =>
          buildJobResults({
            scratch: dir,
            source: { kind: 'dataset', rows: { files: [file], fields, types: {} } },
            types: { extra_0: 'date' },
            metrics: { dateField: 'extra_0', dimensions: [], metrics: [{ name: 'n', op: 'count' }] },
            records: false,
          }),
        );
        report('results (merge + daily metrics)', metrics.ms);
      } catch (error) {
        console.log(`${label.padEnd(34)} join/metrics FAILED ${String((error as Error).message).slice(0, 160)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
