// Memory and time of reading a large .xlsx through xlsxRows (exceljs's streaming reader): writes a
// workbook of N rows x 8 columns (unique strings, numbers, dates) with exceljs's streaming WorkbookWriter,
// then reads it back, sampling the process's RSS. `npm run bench` with BENCH=xlsx runs only this one;
// `-- 50000` writes 50,000 rows instead of 200,000.
//
// Measured on the shared 2-core machine (each read in its own process, RSS before → peak):
//   200,000 rows (12 MB workbook): xlsxRows 5.1 s, 80 → 200 MB; exceljs's whole-workbook read 15.0 s, 80 → 934 MB.
//    50,000 rows  (3 MB workbook): xlsxRows 6.3 s, 82 → 138 MB; whole-workbook read 8.2 s, 80 → 336 MB.
//   What xlsxRows keeps grows only with the shared strings (cached whole: cells refer to them by index; here
//   three unique strings a row), never with the sheet's rows.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { xlsxRows } from '@sluice/core';
import ExcelJS from 'exceljs';

const rows = Number(process.argv[2]?.startsWith('--') ? 0 : (process.argv[2] ?? 200_000));
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function writeWorkbook(path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(path), useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet('Data');
  sheet.addRow(['id', 'name', 'email', 'city', 'amount', 'joined', 'active', 'note']).commit();
  for (let i = 1; i <= rows; i++) {
    const row = sheet.addRow([
      i,
      `Person ${i}`,
      `person${i}@example.com`,
      `City ${i % 500}`,
      i * 1.25,
      new Date(Date.UTC(2020, 0, 1 + (i % 1500))),
      i % 2 === 0,
      `note number ${i} with some text`,
    ]);
    row.getCell(6).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await writer.commit();
}

/** Reads the workbook at `path` in this process, printing its RSS: the whole workbook (exceljs's Workbook.read) or streamed. */
async function measureRead(path: string, whole: boolean): Promise<void> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = Date.now();
  let count = 0;
  if (whole) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    count = workbook.worksheets[0].rowCount;
  } else {
    for await (const row of xlsxRows(createReadStream(path), { maxColumns: 20_000 })) if (row.cells.length) count += 1;
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${whole ? 'whole workbook (exceljs Workbook.read)' : 'xlsxRows (streaming)'}: ${count.toLocaleString('en-US')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s, RSS ${mb(baseline)} → peak ${mb(peak)}`,
  );
}

const [mode, readPath] = process.argv.slice(2);
if (mode === '--read' || mode === '--read-whole') {
  measureRead(readPath, mode === '--read-whole').catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-xlsx-bench-'));
  (async () => {
    const path = join(dir, 'large.xlsx');
    const started = Date.now();
    await writeWorkbook(path);
    console.log(`wrote ${rows.toLocaleString('en-US')} rows: ${mb(statSync(path).size)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Each read in a process of its own, so one's heap does not count in the other's.
    for (const read of ['--read', '--read-whole']) spawnSync(process.execPath, [process.argv[1], read, path], { stdio: 'inherit' });
  })()
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => rmSync(dir, { recursive: true, force: true }));
}
