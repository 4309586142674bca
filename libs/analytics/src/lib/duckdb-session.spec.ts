import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { withDuckDb } from './duckdb-session';

describe('withDuckDb resources', () => {
  let spillDirectory: string;
  beforeEach(() => (spillDirectory = mkdtempSync(join(tmpdir(), 'sluice-spill-spec-'))));
  afterEach(() => rmSync(spillDirectory, { recursive: true, force: true }));

  it('opens the session within its memory limit and threads, spilling into a folder of its own that is removed after', async () => {
    const resources = { memoryLimitMb: 100, threads: 1, spillDirectory, maxSpillMb: 2048 };
    const seen = await withDuckDb(async (db) => {
      const settings = await db.runAndReadAll(
        "SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads, current_setting('temp_directory') AS spill",
      );
      // A sort far larger than the limit completes by spilling.
      const sorted = await db.runAndReadAll('SELECT count(*) AS n FROM (SELECT md5(i::VARCHAR) AS k, repeat(k, 4) AS wide FROM range(3000000) t(i) ORDER BY k) s');
      const [memory, threads, spill] = settings.getRowObjectsJS()[0] ? Object.values(settings.getRowObjectsJS()[0]) : [];
      return { memory, threads, spill, rows: Number(sorted.getRowObjectsJS()[0]['n']), during: readdirSync(spillDirectory).length };
    }, resources);
    expect(seen.memory).toMatch(/^(95\.3 MiB|100\.0 MB|95\.3MiB)/);
    expect(String(seen.threads)).toBe('1');
    expect(String(seen.spill).startsWith(join(spillDirectory, 'session-'))).toBe(true);
    expect(seen.rows).toBe(3_000_000);
    expect(seen.during).toBe(1);
    expect(existsSync(spillDirectory) && readdirSync(spillDirectory)).toEqual([]);
  }, 120_000);
});
