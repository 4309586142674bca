import { readFileSync, writeFileSync } from 'node:fs';

import { STAGED_LINE_COLUMN } from '@sluice/core';

import { withDuckDb } from '../duckdb-session';
import type { MergeDedupe } from '../merge-records';
import { recordRefsExist } from './merge-groups-reader';
import { StagedFixtures } from './testing/staged-fixtures';

const FIELDS = ['email', 'full_name', 'company_domain', 'customer_id'];
const PEOPLE: MergeDedupe = { keys: [['email'], ['full_name', 'company_domain']], policy: 'most_complete', strongIdentifiers: ['customer_id'] };

describe('merge provenance and corrections', () => {
  let fixtures: StagedFixtures;
  beforeEach(() => (fixtures = new StagedFixtures()));
  afterEach(() => fixtures.remove());

  const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

  /** Three groups of 3, 2 and 2 records (the last flagged), and two records alone; lines have gaps, as skipped and rejected lines leave. */
  function job() {
    const a = fixtures.staged('a.csv', FIELDS, [
      [2, 'ann@x.io', 'Ann Lee', 'x.io', ''],
      [3, 'bob@y.io', 'Bob Ray', 'y.io', 'C-1'],
      [5, 'cy@z.io', 'Cy Dee', 'z.io', ''],
      [8, '', 'Dan Oak', 'w.io', ''],
    ]);
    const b = fixtures.staged('b.csv', FIELDS, [
      [2, 'ANN@x.io', 'Ann Lee', '', 'A-7'],
      [4, '', 'Ann Lee', 'x.io', ''],
      [6, 'bob@y.io', 'Robert Ray', 'y.io', 'C-2'],
      [9, 'cy@z.io', '', '', ''],
      [10, 'eve@v.io', 'Eve Fox', 'v.io', ''],
    ]);
    return [a, b];
  }

  it('keeps every input record with its cluster, and lists groups by review order, size or certainty, page by page', async () => {
    const provenance = fixtures.path('provenance.parquet');
    const { stats } = await fixtures.merge({ files: job(), fields: FIELDS, dedupe: PEOPLE, provenance: { output: provenance }, provenanceColumns: true });
    expect(stats).toMatchObject({ rowsIn: 9, rowsOut: 5, groups: 3, flaggedGroups: 1 });
    expect(lines(fixtures.path('out.csv'))).toEqual([
      'email,full_name,company_domain,customer_id,_cluster_id,_source_lines',
      'ann@x.io,Ann Lee,x.io,A-7,c-0-2,0:2;1:2;1:4',
      'bob@y.io,Bob Ray,y.io,C-1,c-0-3,0:3;1:6',
      'cy@z.io,Cy Dee,z.io,,c-0-5,0:5;1:9',
      ',Dan Oak,w.io,,c-0-8,0:8',
      'eve@v.io,Eve Fox,v.io,,c-1-10,1:10',
    ]);

    const review = await fixtures.groups(provenance);
    expect(review.total).toBe(3);
    // Flagged first (two customer ids), then the largest.
    expect(review.items.map((g) => [g.clusterId, g.size, g.flagged])).toEqual([
      ['c-0-3', 2, true],
      ['c-0-2', 3, false],
      ['c-0-5', 2, false],
    ]);
    const [bob, ann] = review.items;
    expect(bob.conflicts).toEqual([
      { field: 'full_name', values: ['Bob Ray', 'Robert Ray'], strong: false },
      { field: 'customer_id', values: ['C-1', 'C-2'], strong: true },
    ]);
    // most_complete: the fullest record survives and gives what it has; the others fill its gaps.
    expect(ann.survivor).toEqual({ email: 'ann@x.io', full_name: 'Ann Lee', company_domain: 'x.io', customer_id: 'A-7' });
    expect(ann.members.map((m) => [m.fileName, m.line, m.contributed])).toEqual([
      ['a.csv', 2, ['email', 'full_name', 'company_domain']],
      ['b.csv', 2, ['customer_id']],
      ['b.csv', 4, []],
    ]);

    const bySize = await fixtures.groups(provenance, { order: 'size', pageSize: 2 });
    expect(bySize.items.map((g) => g.clusterId)).toEqual(['c-0-2', 'c-0-3']);
    const second = await fixtures.groups(provenance, { order: 'size', pageSize: 2, page: 2 });
    expect(second).toMatchObject({ total: 3, items: [{ clusterId: 'c-0-5' }] });
    expect((await fixtures.groups(provenance, { order: 'size', pageSize: 2, page: 3 })).items).toEqual([]);
    expect((await fixtures.groups(provenance, { flaggedOnly: true })).items.map((g) => g.clusterId)).toEqual(['c-0-3']);
    expect((await fixtures.groups(provenance, { order: 'certainty' })).items.every((g) => g.certainty === 1)).toBe(true);

    const unknown = await withDuckDb((db) =>
      recordRefsExist(db, provenance, [
        { file: 0, line: 8 },
        { file: 1, line: 10 },
        { file: 0, line: 4 },
        { file: 2, line: 2 },
      ]),
    );
    expect(unknown).toEqual([
      { file: 0, line: 4 },
      { file: 2, line: 2 },
    ]);
  });

  it('gives webhook records their cluster id, and keeps the clusters stable for the same input', async () => {
    const files = job();
    const records = fixtures.path('records.ndjson');
    const run = () => fixtures.merge({ files, fields: FIELDS, dedupe: PEOPLE, records: { output: records, types: {} } });
    await run();
    const first = readFileSync(records, 'utf8');
    expect(
      first
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)._cluster_id),
    ).toEqual(['c-0-2', 'c-0-3', 'c-0-5', 'c-0-8', 'c-1-10']);
    await run();
    expect(readFileSync(records, 'utf8')).toBe(first);
  });

  it('numbers files as the job does, when some of its files staged no rows', async () => {
    const [a, b] = job();
    const provenance = fixtures.path('provenance.parquet');
    await fixtures.merge({ files: [a, b], fileNumbers: [0, 2], fields: FIELDS, dedupe: PEOPLE, provenance: { output: provenance } });
    const { items } = await fixtures.groups(provenance, { order: 'size' });
    expect(items[0].members.map((m) => [m.file, m.fileName])).toEqual([
      [0, 'a.csv'],
      [2, 'c.csv'],
      [2, 'c.csv'],
    ]);
  });

  describe('corrections', () => {
    it('splits records off into a group of their own, the rest of the group staying together', async () => {
      const provenance = fixtures.path('provenance.parquet');
      // b.csv:2 shares Ann's email but holds another customer id: the reviewer takes it out.
      const { stats } = await fixtures.merge({
        files: job(),
        fields: FIELDS,
        dedupe: PEOPLE,
        corrections: [{ kind: 'split', records: [{ file: 1, line: 2 }] }],
        provenance: { output: provenance },
        provenanceColumns: true,
      });
      expect(stats).toMatchObject({ rowsOut: 6, groups: 3 });
      const out = lines(fixtures.path('out.csv'));
      expect(out).toContain('ann@x.io,Ann Lee,x.io,,c-0-2,0:2;1:4');
      expect(out).toContain('ANN@x.io,Ann Lee,,A-7,c-1-2,1:2');
      const ann = (await fixtures.groups(provenance)).items.find((g) => g.clusterId === 'c-0-2');
      expect(ann).toMatchObject({ size: 2, corrected: true });
    });

    it('keeps what is left of a group together even when the records split off were what linked it', async () => {
      const files = [
        fixtures.staged('a.csv', FIELDS, [
          [2, 'kim@x.io', 'Kim Poe', '', ''],
          [3, 'kim@x.io', 'Kim Poe', 'x.io', ''],
          [4, '', 'Kim Poe', 'x.io', ''],
        ]),
      ];
      const provenance = fixtures.path('provenance.parquet');
      // Line 3 links line 2 (email) and line 4 (name and domain); taken out, 2 and 4 stay one group.
      const { stats } = await fixtures.merge({
        files,
        fields: FIELDS,
        dedupe: PEOPLE,
        corrections: [{ kind: 'split', records: [{ file: 0, line: 3 }] }],
        provenance: { output: provenance },
      });
      expect(stats).toMatchObject({ rowsOut: 2, groups: 1 });
      const [group] = (await fixtures.groups(provenance)).items;
      expect(group).toMatchObject({ clusterId: 'c-0-2', size: 2, corrected: true });
      expect(group.members.map((m) => [m.line, m.reason, m.matchedOn])).toEqual([
        [2, 'correction', null],
        [4, 'correction', 'kept in its group by a correction'],
      ]);
    });

    it('joins the groups holding the listed records, a record alone included, then applies later corrections on top', async () => {
      const provenance = fixtures.path('provenance.parquet');
      const { stats } = await fixtures.merge({
        files: job(),
        fields: FIELDS,
        dedupe: PEOPLE,
        corrections: [
          {
            kind: 'join',
            records: [
              { file: 0, line: 8 },
              { file: 1, line: 10 },
              { file: 0, line: 5 },
            ],
          },
          { kind: 'split', records: [{ file: 1, line: 9 }] },
          { kind: 'join', records: [{ file: 9, line: 9 }] }, // names no record: ignored
        ],
        provenance: { output: provenance },
        provenanceColumns: true,
      });
      expect(stats).toMatchObject({ rowsOut: 4, groups: 3 });
      expect(lines(fixtures.path('out.csv'))).toContain('cy@z.io,Cy Dee,z.io,,c-0-5,0:5;0:8;1:10');
      const joined = (await fixtures.groups(provenance)).items.find((g) => g.clusterId === 'c-0-5');
      expect(joined?.members.map((m) => [m.line, m.reason, m.matchedOn])).toEqual([
        [5, 'correction', null],
        [8, 'correction', 'joined by a reviewer'],
        [10, 'correction', 'joined by a reviewer'],
      ]);
    });
  });

  it("reads a staged file's source line by position, so a kept column named like it stays the user's", async () => {
    const path = fixtures.path('kept.csv');
    writeFileSync(path, [`${STAGED_LINE_COLUMN},email,${STAGED_LINE_COLUMN}`, '7,a@x.io,mine', '9,a@x.io,'].join('\n') + '\n');
    const provenance = fixtures.path('provenance.parquet');
    await fixtures.merge({
      files: [path],
      fields: ['email', STAGED_LINE_COLUMN],
      dedupe: { keys: [['email']], policy: 'first' },
      provenance: { output: provenance },
      provenanceColumns: true,
    });
    expect(lines(fixtures.path('out.csv'))).toEqual([`email,${STAGED_LINE_COLUMN},_cluster_id,_source_lines`, 'a@x.io,mine,c-0-7,0:7;0:9']);
  });

  it('keeps the provenance of 20,000-column records: values, contributions and conflicts by field', async () => {
    const kept = Array.from({ length: 19_999 }, (_, i) => `kept_${i}`);
    const fields = ['email', ...kept];
    const row = (line: number, email: string, fill: (i: number) => string): [number, ...string[]] => [line, email, ...kept.map((_, i) => fill(i))];
    const file = fixtures.staged('wide.csv', fields, [
      row(2, 'a@x.io', (i) => (i % 2 ? '' : `v${i}`)),
      row(3, 'b@x.io', () => 'b'),
      row(4, 'A@x.io', (i) => (i % 2 ? `w${i}` : 'other')),
    ]);
    const provenance = fixtures.path('provenance.parquet');
    const started = Date.now();
    const { stats } = await fixtures.merge({ files: [file], fields, dedupe: { keys: [['email']], policy: 'first' }, provenance: { output: provenance }, provenanceColumns: true });
    const { items } = await fixtures.groups(provenance);
    console.log(`20,000 columns with provenance: merged and read back in ${Date.now() - started} ms`);
    expect(stats).toMatchObject({ rowsOut: 2, groups: 1, fieldsMerged: 9_999, conflicts: 10_001 });
    const [group] = items;
    expect(Object.keys(group.survivor)).toHaveLength(20_000);
    expect(group.members.map((m) => m.contributed.length)).toEqual([10_001, 9_999]);
    expect(group.members[1].contributed.slice(0, 2)).toEqual(['kept_1', 'kept_3']);
    expect(group.conflicts).toHaveLength(10_001);
    expect(group.conflicts[1]).toEqual({ field: 'kept_0', values: ['other', 'v0'], strong: false });
  }, 120_000);
});
