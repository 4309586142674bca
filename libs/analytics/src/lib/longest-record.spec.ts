import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { lineSizesFor, MAX_CSV_LINE_BYTES, positionalCsv } from './csv-files';
import { withDuckDb } from './duckdb-session';
import { longestRecordBytes } from './longest-record';

describe('longestRecordBytes', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'sluice-longest-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const file = (content: string | Buffer) => {
    const path = join(folder, 'f.csv');
    writeFileSync(path, content);
    return path;
  };

  it('measures records, not physical lines: newlines and "" inside quotes stay in their record', async () => {
    expect(await longestRecordBytes(file('a,b\n1,2\n'))).toBe(3);
    expect(await longestRecordBytes(file('a,b\n"x\ny\nz",2\n1,2'))).toBe('"x\ny\nz",2'.length);
    expect(await longestRecordBytes(file('a\n"say ""hi""\nthere"\nlast-row-is-the-longest-one'))).toBe('last-row-is-the-longest-one'.length);
    expect(await longestRecordBytes(file(''))).toBe(0);
  });

  it('follows a quote across read chunks (1 MiB each)', async () => {
    const cell = 'x'.repeat(3 * 1024 * 1024);
    expect(await longestRecordBytes(file(`h\n"${cell.slice(0, 1024 * 1024)}\n${cell}"\nshort\n`))).toBe(4 * 1024 * 1024 + 3);
  });
});

describe('read_csv sized from the longest record', () => {
  it('asks DuckDB for its own defaults on ordinary files, and for no more than the limit on any', () => {
    expect(lineSizesFor(200)).toEqual({ maxLineSize: 2 * 1024 * 1024, bufferSize: 32 * 1024 * 1024 });
    expect(lineSizesFor(40 * 1024 * 1024)).toEqual({ maxLineSize: 40 * 1024 * 1024 + 1024, bufferSize: 80 * 1024 * 1024 + 2048 });
    expect(lineSizesFor(10 * MAX_CSV_LINE_BYTES).maxLineSize).toBe(MAX_CSV_LINE_BYTES);
  });

  it('reads a staged file with a 5 MB cell in a 256 MB session (the fixed 128 MiB line size asked for a 2 GiB block)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sluice-sized-read-'));
    try {
      const path = join(folder, 'staged.csv');
      writeFileSync(path, `line,name\n2,"${'y'.repeat(5 * 1024 * 1024)}"\n3,short\n`);
      const csv = await positionalCsv(path);
      const lengths = await withDuckDb(
        async (db) => (await db.runAndReadAll(`SELECT length(c1) AS n FROM ${csv?.source} ORDER BY c0`)).getRowObjectsJS().map((row) => Number(row['n'])),
        { memoryLimitMb: 256, threads: 2, spillDirectory: join(folder, 'spill'), maxSpillMb: 1024 },
      );
      expect(lengths).toEqual([5 * 1024 * 1024, 5]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
