import { readFileSync } from 'node:fs';

import type { MergeDedupe } from '../merge-records';
import { StagedFixtures } from './testing/staged-fixtures';

const FIELDS = ['ssn', 'given_name', 'surname', 'date_of_birth', 'postcode'];
const ANY_KEY: MergeDedupe = {
  keys: [['ssn'], ['surname', 'date_of_birth'], ['given_name', 'surname', 'postcode']],
  policy: 'first',
  strongIdentifiers: ['ssn'],
};

describe('any-key matching', () => {
  let fixtures: StagedFixtures;
  beforeEach(() => (fixtures = new StagedFixtures()));
  afterEach(() => fixtures.remove());

  const csv = () => readFileSync(fixtures.path('out.csv'), 'utf8').trim().split('\n');

  it('links records that agree on any alternative, transitively across alternatives (a mistyped SSN included)', async () => {
    const a = fixtures.staged('a.csv', FIELDS, [
      [2, '111', 'John', 'Smith', '1990-01-01', '2000'],
      [3, '777', 'Ann', 'Jones', '1970-03-03', '4000'],
    ]);
    const b = fixtures.staged('b.csv', FIELDS, [
      [2, '111', 'Jon', 'Smith', '1990-01-01', ''], // the same SSN
      [4, '112', 'John', 'Smith', '1990-01-01', '2000'], // SSN mistyped: surname + date of birth
      [7, '555', 'John', 'Smith', '1991-01-01', '2000'], // SSN and birth day mistyped: given name + surname + postcode
    ]);
    const provenance = fixtures.path('provenance.parquet');
    const { stats } = await fixtures.merge({ files: [a, b], fields: FIELDS, dedupe: ANY_KEY, provenance: { output: provenance } });
    expect(stats).toEqual({ rowsIn: 5, rowsOut: 2, duplicatesRemoved: 3, fieldsMerged: 0, conflicts: 3, groups: 1, flaggedGroups: 1 });
    expect(csv()).toEqual(['ssn,given_name,surname,date_of_birth,postcode', '111,John,Smith,1990-01-01,2000', '777,Ann,Jones,1970-03-03,4000']);

    const { items, total } = await fixtures.groups(provenance);
    expect(total).toBe(1);
    const [group] = items;
    expect(group).toMatchObject({ clusterId: 'c-0-2', size: 4, certainty: 1, flagged: true, corrected: false });
    expect(group.survivor).toEqual({ ssn: '111', given_name: 'John', surname: 'Smith', date_of_birth: '1990-01-01', postcode: '2000' });
    expect(group.members.map(({ file, line, fileName, reason, matchedOn }) => ({ file, line, fileName, reason, matchedOn }))).toEqual([
      { file: 0, line: 2, fileName: 'a.csv', reason: 'key', matchedOn: null },
      { file: 1, line: 2, fileName: 'b.csv', reason: 'key', matchedOn: 'ssn' },
      { file: 1, line: 4, fileName: 'b.csv', reason: 'key', matchedOn: 'surname + date_of_birth' },
      { file: 1, line: 7, fileName: 'b.csv', reason: 'key', matchedOn: 'given_name + surname + postcode' },
    ]);
    // The first record (policy `first`) wins every field it has.
    expect(group.members[0].contributed).toEqual(FIELDS);
    expect(group.members[1]).toMatchObject({ values: { ssn: '111', given_name: 'Jon', surname: 'Smith', date_of_birth: '1990-01-01', postcode: null }, contributed: [] });
    expect(group.conflicts).toEqual([
      { field: 'ssn', values: ['111', '112', '555'], strong: true },
      { field: 'given_name', values: ['John', 'Jon'], strong: false },
      { field: 'date_of_birth', values: ['1990-01-01', '1991-01-01'], strong: false },
    ]);
  });

  it('takes a whole-alternative match only: an alternative with an empty field matches nothing', async () => {
    const a = fixtures.staged('a.csv', FIELDS, [
      [2, '', '', 'Smith', '', ''],
      [3, '', '', 'Smith', '', ''],
      [4, '', 'Al', 'Smith', '1990-01-01', ''],
    ]);
    const { stats } = await fixtures.merge({ files: [a], fields: FIELDS, dedupe: ANY_KEY });
    expect(stats).toMatchObject({ rowsOut: 3, groups: 0 });
  });

  it('does not flag case or punctuation differences of a strong identifier', async () => {
    const a = fixtures.staged('a.csv', FIELDS, [
      [2, 'AB-12', 'Ann', 'Lee', '1980-02-02', ''],
      [3, 'ab 12', 'Ann', 'Lee', '1980-02-02', ''],
    ]);
    const { stats } = await fixtures.merge({ files: [a], fields: FIELDS, dedupe: ANY_KEY });
    expect(stats).toMatchObject({ rowsOut: 1, groups: 1, flaggedGroups: 0 });
  });

  it('matches names of any script and ignores accents, so names without Latin letters are not all one key', async () => {
    const a = fixtures.staged('a.csv', FIELDS, [
      [2, '', '明', '李', '1980-02-02', ''],
      [3, '', '芳', '王', '1980-02-02', ''],
      [4, '', 'José', 'Núñez', '1975-05-05', ''],
      [5, '', 'Jose', 'Nunez', '1975-05-05', ''],
    ]);
    const { stats } = await fixtures.merge({ files: [a], fields: FIELDS, dedupe: ANY_KEY });
    expect(stats).toMatchObject({ rowsIn: 4, rowsOut: 3, groups: 1 });
  });

  describe('fuzzy names need a second piece of evidence', () => {
    const fuzzy = (confirmBy?: string[]): MergeDedupe => ({
      keys: [['ssn']],
      policy: 'first',
      fuzzy: { field: 'surname', blockBy: 'date_of_birth', threshold: 85, ...(confirmBy ? { confirmBy } : {}) },
    });

    it('does not merge hearn and heron born the same day when nothing else agrees', async () => {
      const a = fixtures.staged('a.csv', FIELDS, [
        [2, '', 'Mary', 'Hearn', '1960-06-06', ''],
        [3, '', 'Mary', 'Heron', '1960-06-06', ''],
      ]);
      expect((await fixtures.merge({ files: [a], fields: FIELDS, dedupe: fuzzy(['postcode']) })).stats).toMatchObject({ rowsOut: 2, groups: 0 });
      // Without confirmBy, the key alternatives' other fields confirm: here the SSN, which is empty.
      expect((await fixtures.merge({ files: [a], fields: FIELDS, dedupe: fuzzy() })).stats).toMatchObject({ rowsOut: 2, groups: 0 });
    });

    it('merges them when the postcode agrees too, and says so', async () => {
      const a = fixtures.staged('a.csv', FIELDS, [
        [2, '', 'Mary', 'Hearn', '1960-06-06', 'AB1 2CD'],
        [3, '', 'Mary', 'Heron', '1960-06-06', 'ab1 2cd'],
        [4, '', 'Mary', 'Heron', '1960-06-06', 'ZZ9 9ZZ'],
      ]);
      const provenance = fixtures.path('provenance.parquet');
      const { stats } = await fixtures.merge({ files: [a], fields: FIELDS, dedupe: fuzzy(['postcode']), provenance: { output: provenance } });
      expect(stats).toMatchObject({ rowsOut: 2, groups: 1 });
      const [group] = (await fixtures.groups(provenance)).items;
      expect(group.certainty).toBeCloseTo(0.893, 3);
      expect(group.members.map((m) => [m.line, m.reason, m.matchedOn])).toEqual([
        [2, 'fuzzy', null],
        [3, 'fuzzy', 'surname ≈ (0.89) + postcode'],
      ]);
    });

    it('links identical names inside a block when a confirming field agrees, as one set rather than every pair', async () => {
      const rows = Array.from({ length: 50 }, (_, i): [number, ...string[]] => [i + 2, `${1000 + i}`, 'Mary', 'Heron', '1960-06-06', 'AB1 2CD']);
      const a = fixtures.staged('a.csv', FIELDS, rows);
      const { stats } = await fixtures.merge({ files: [a], fields: FIELDS, dedupe: { ...fuzzy(['postcode']), strongIdentifiers: ['ssn'] } });
      expect(stats).toMatchObject({ rowsOut: 1, groups: 1, flaggedGroups: 1 });
    });
  });

  it('without dedupe, every record is its own cluster in the provenance columns, named by its source line', async () => {
    const a = fixtures.staged('a.csv', FIELDS, [
      [5, '1', 'A', 'B', '', ''],
      [9, '1', 'A', 'B', '', ''],
    ]);
    const { stats } = await fixtures.merge({ files: [a], fields: FIELDS, provenanceColumns: true });
    expect(stats).toMatchObject({ rowsOut: 2, groups: 0 });
    expect(csv()).toEqual(['ssn,given_name,surname,date_of_birth,postcode,_cluster_id,_source_lines', '1,A,B,,,c-0-5,0:5', '1,A,B,,,c-0-9,0:9']);
  });
});
