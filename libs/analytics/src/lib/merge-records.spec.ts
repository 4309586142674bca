import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { withDuckDb } from './duckdb-session';
import { MergeDedupe, MergeInput, mergeRecords as mergeIn } from './merge-records';

const mergeRecords = (input: MergeInput) => withDuckDb(async (db) => (await mergeIn(db, input)).stats);

const FIELDS = ['full_name', 'email', 'company_domain', 'job_title'];
const PEOPLE: MergeDedupe = { keys: [['email'], ['full_name', 'company_domain']], policy: 'most_complete' };

describe('mergeRecords', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-merge-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, rows: string[]): string {
    const path = join(dir, name);
    writeFileSync(path, [FIELDS.join(','), ...rows].join('\n') + '\n');
    return path;
  }

  async function merge(files: string[], dedupe?: MergeDedupe) {
    const output = join(dir, 'out.csv');
    const stats = await mergeRecords({ files, fields: FIELDS, dedupe, output });
    return { stats, csv: readFileSync(output, 'utf8') };
  }

  it('groups by email, else by name and domain, and fills empty fields from duplicates', async () => {
    const first = file('a.csv', ['Jane Doe,jane@acme.com,,', 'John Roe,,acme.com,CTO', 'Solo,,,']);
    const second = file('b.csv', ['Jane Doe,JANE@acme.com,acme.com,VP Sales', 'john roe,,acme.com,', 'Solo,,,']);
    const { stats, csv } = await merge([first, second], PEOPLE);
    expect(csv).toBe(['full_name,email,company_domain,job_title', 'Jane Doe,JANE@acme.com,acme.com,VP Sales', 'John Roe,,acme.com,CTO', 'Solo,,,', 'Solo,,,', ''].join('\n'));
    // Rows without any usable key are never merged: the two "Solo" rows stay.
    expect(stats).toEqual({ rowsIn: 6, rowsOut: 4, duplicatesRemoved: 2, fieldsMerged: 0, conflicts: 2, groups: 2, flaggedGroups: 0 });
  });

  it('resolves conflicts by policy and counts the fields it filled', async () => {
    const first = file('a.csv', ['Jane Doe,jane@acme.com,acme.com,Engineer']);
    const second = file('b.csv', ['Jane D.,jane@acme.com,,Manager']);
    const recent = await merge([first, second], { ...PEOPLE, policy: 'most_recent' });
    expect(recent.csv.split('\n')[1]).toBe('Jane D.,jane@acme.com,acme.com,Manager');
    expect(recent.stats).toMatchObject({ duplicatesRemoved: 1, fieldsMerged: 1, conflicts: 2 });
    const oldest = await merge([first, second], { ...PEOPLE, policy: 'first' });
    expect(oldest.csv.split('\n')[1]).toBe('Jane Doe,jane@acme.com,acme.com,Engineer');
    expect(oldest.stats).toMatchObject({ fieldsMerged: 0, conflicts: 2 });
  });

  it('joins similar names within a block when fuzzy matching is on and another field confirms them', async () => {
    const rows = file('a.csv', ['Acme Incorporated,,acme.com,Partner', 'Acme Incorporatd,hq@acme.com,acme.com,Partner', 'Zenith Labs,,acme.com,Partner']);
    const exact = await merge([rows], { keys: [['full_name', 'company_domain']], policy: 'first' });
    expect(exact.stats.rowsOut).toBe(3);
    // A similar name and a shared block alone are no evidence: the key's other field is the block, so nothing confirms.
    const unconfirmed = await merge([rows], { keys: [['full_name', 'company_domain']], policy: 'first', fuzzy: { field: 'full_name', blockBy: 'company_domain', threshold: 90 } });
    expect(unconfirmed.stats.rowsOut).toBe(3);
    const fuzzy = await merge([rows], {
      keys: [['full_name', 'company_domain']],
      policy: 'first',
      fuzzy: { field: 'full_name', blockBy: 'company_domain', threshold: 90, confirmBy: ['job_title'] },
    });
    expect(fuzzy.csv).toBe(['full_name,email,company_domain,job_title', 'Acme Incorporated,hq@acme.com,acme.com,Partner', 'Zenith Labs,,acme.com,Partner', ''].join('\n'));
    expect(fuzzy.stats).toMatchObject({ duplicatesRemoved: 1, fieldsMerged: 1 });
  });

  it('concatenates without de-duplication and neutralises formulas', async () => {
    const rows = file('a.csv', ['=HYPERLINK(1),x@y.io,,-4.5', '=HYPERLINK(1),x@y.io,,']);
    const { stats, csv } = await merge([rows]);
    expect(csv).toBe(['full_name,email,company_domain,job_title', "'=HYPERLINK(1),x@y.io,,-4.5", "'=HYPERLINK(1),x@y.io,,", ''].join('\n'));
    expect(stats).toEqual({ rowsIn: 2, rowsOut: 2, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0, groups: 0, flaggedGroups: 0 });
  });

  it('aligns files by column name, so columns kept from some files only come through', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const empty = join(dir, 'empty.csv');
    writeFileSync(a, 'full_name,email,company_domain,job_title,Source\nJane,jane@a.io,,,fair\n');
    writeFileSync(b, 'full_name,email,company_domain,job_title,Notes\nJohn,john@b.io,,,call back\n');
    writeFileSync(empty, 'full_name,email,company_domain,job_title\n');
    const output = join(dir, 'out.csv');
    const stats = await mergeRecords({ files: [a, empty, b], fields: [...FIELDS, 'Source', 'Notes'], dedupe: PEOPLE, output });
    expect(readFileSync(output, 'utf8')).toBe(['full_name,email,company_domain,job_title,Source,Notes', 'Jane,jane@a.io,,,fair,', 'John,john@b.io,,,,call back', ''].join('\n'));
    expect(stats.rowsOut).toBe(2);
  });

  it('also writes the merged records as typed JSON lines, formulas untouched, when asked', async () => {
    const path = join(dir, 'typed.csv');
    writeFileSync(path, 'name,seats,paid,notes\nAcme,12,true,=SUM(A1)\nZeta,,false,\n');
    const records = join(dir, 'records.ndjson');
    await mergeRecords({
      files: [path],
      fields: ['name', 'seats', 'paid', 'notes'],
      output: join(dir, 'out.csv'),
      records: { output: records, types: { name: 'string', seats: 'int', paid: 'bool' } },
    });
    expect(
      readFileSync(records, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { name: 'Acme', seats: 12, paid: true, notes: '=SUM(A1)' },
      { name: 'Zeta', seats: null, paid: false, notes: null },
    ]);
  });

  it('writes a header-only file when there are no rows', async () => {
    const { stats, csv } = await merge([], PEOPLE);
    expect(csv).toBe('full_name,email,company_domain,job_title\n');
    expect(stats.rowsOut).toBe(0);
  });

  describe('wide and huge files', () => {
    // Datasets that keep unmapped columns stage every one of them; a single cell may run to many MB.
    const wide = (columns: number) => Array.from({ length: columns }, (_, i) => `kept_${i}`);

    it('merges 20,000 columns, duplicates included, without hitting DuckDB limits', async () => {
      const fields = ['email', ...wide(19_999)];
      const path = join(dir, 'wide.csv');
      const row = (email: string, fill: (i: number) => string) => [email, ...wide(19_999).map((_, i) => fill(i))].join(',');
      writeFileSync(
        path,
        [fields.join(','), row('a@x.io', (i) => (i % 2 ? '' : `v${i}`)), row('b@x.io', () => 'b'), row('A@x.io', (i) => (i % 2 ? `w${i}` : 'other'))].join('\n') + '\n',
      );
      const output = join(dir, 'out.csv');
      const records = join(dir, 'out.ndjson');
      const started = Date.now();
      const stats = await mergeRecords({ files: [path], fields, dedupe: { keys: [['email']], policy: 'most_complete' }, output, records: { output: records, types: {} } });
      expect(Date.now() - started).toBeLessThan(60_000);
      // The third row is the most complete: it wins every cell, nothing was left empty to fill; the emails
      // (spelt differently) and the 10,000 columns both rows filled conflict.
      expect(stats).toEqual({ rowsIn: 3, rowsOut: 2, duplicatesRemoved: 1, fieldsMerged: 0, conflicts: 10_001, groups: 1, flaggedGroups: 0 });
      const [header, first, second] = readFileSync(output, 'utf8').split('\n');
      expect(header.split(',')).toEqual(fields);
      expect(first.split(',').slice(0, 4)).toEqual(['A@x.io', 'other', 'w1', 'other']);
      expect(second.split(',')).toHaveLength(20_000);
      // Every field, and the cluster the record stands for (dedupe is on).
      const record = JSON.parse(readFileSync(records, 'utf8').split('\n')[0]);
      expect(Object.keys(record)).toHaveLength(20_001);
      expect(record._cluster_id).toBe('c-0-2');
    }, 120_000);

    it("keeps a 5 MB cell (over DuckDB's default line limit) with the rest of the file", async () => {
      const huge = 'x'.repeat(5 * 1024 * 1024);
      const path = file('huge.csv', [`Jane,jane@a.io,,"${huge}"`, 'John,john@b.io,,CTO']);
      const { stats, csv } = await merge([path], PEOPLE);
      expect(stats.rowsOut).toBe(2);
      expect(csv.split('\n')[1]).toBe(`Jane,jane@a.io,,${huge}`);
    });

    it('neutralises header names like cells: a kept column may be called like a formula', async () => {
      const path = join(dir, 'formula-header.csv');
      writeFileSync(path, 'email,"=cmd|"" /C calc""!A0"\na@b.io,@SUM(A1)\n');
      const output = join(dir, 'out.csv');
      await mergeRecords({ files: [path], fields: ['email', '=cmd|" /C calc"!A0'], output });
      expect(readFileSync(output, 'utf8')).toBe('email,"\'=cmd|"" /C calc""!A0"\na@b.io,\'@SUM(A1)\n');
    });

    it('keeps a header name holding NUL', async () => {
      const path = join(dir, 'nul-header.csv');
      writeFileSync(path, 'email,bad\u0000name\na@b.io,x\u0000y\n');
      const output = join(dir, 'out.csv');
      await mergeRecords({ files: [path], fields: ['email', 'bad\u0000name'], output });
      expect(readFileSync(output, 'utf8')).toBe('email,bad\u0000name\na@b.io,x\u0000y\n');
    });

    it('keeps columns whose names differ only in case, or repeat, apart', async () => {
      const path = join(dir, 'case.csv');
      writeFileSync(path, 'email,EMAIL,note\njane@a.io,JANE@B.IO,"a, ""quoted"" note"\n');
      const output = join(dir, 'out.csv');
      await mergeRecords({ files: [path], fields: ['email', 'EMAIL', 'note'], output });
      expect(readFileSync(output, 'utf8')).toBe('email,EMAIL,note\njane@a.io,JANE@B.IO,"a, ""quoted"" note"\n');
    });
  });
});
