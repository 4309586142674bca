import type { MergeDedupe } from '../merge-records';
import { StagedFixtures } from './testing/staged-fixtures';

const FIELDS = ['given_name', 'surname', 'date_of_birth', 'postcode', 'customer_id'];

// The wiring of probabilistic mode into the merge: the scorer's pairs are clustered like any other
// links, explained as `probabilistic` with their probability, and the group is as certain as its
// least certain member. The data leaves a scorer no doubt: 40 people, 10 of them twice, every
// compared field the same in both copies and different between people.
describe('probabilistic mode', () => {
  let fixtures: StagedFixtures;
  beforeEach(() => (fixtures = new StagedFixtures()));
  afterEach(() => fixtures.remove());

  const dedupe: MergeDedupe = {
    mode: 'probabilistic',
    keys: [['customer_id']],
    policy: 'first',
    strongIdentifiers: ['customer_id'],
    probabilistic: {
      blocking: [['date_of_birth'], ['postcode']],
      comparisons: [
        { field: 'given_name', kind: 'name' },
        { field: 'surname', kind: 'name', termFrequency: true },
        { field: 'date_of_birth', kind: 'date' },
        { field: 'postcode', kind: 'exact' },
      ],
      threshold: 0.9,
    },
  };
  const GIVEN = ['Amelia', 'Boris', 'Chloe', 'Dmitri', 'Esme', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas'];
  const SURNAMES = ['Abbott', 'Brennan', 'Castillo', 'Dvorak', 'Eriksen', 'Fontaine'];
  const person = (i: number) => [GIVEN[i % 10], SURNAMES[i % 6] + (i >= 30 ? 'son' : ''), `19${50 + i}-0${1 + (i % 9)}-1${i % 10}`, `P${100 + i} ${i % 7}XY`];

  it('clusters the pairs the scorer links, with their probability and the group certainty', async () => {
    const rows: [number, ...string[]][] = Array.from({ length: 40 }, (_, i) => [i + 2, ...person(i), `C-${i}`]);
    // Ten people again, in a second file; the last copy under another customer id.
    const copies: [number, ...string[]][] = Array.from({ length: 10 }, (_, i) => [i + 2, ...person(i * 4), i === 9 ? 'C-999' : `C-${i * 4}`]);
    const provenance = fixtures.path('provenance.parquet');
    const { stats, model } = await fixtures.merge({
      files: [fixtures.staged('a.csv', FIELDS, rows), fixtures.staged('b.csv', FIELDS, copies)],
      fields: FIELDS,
      dedupe,
      provenance: { output: provenance },
    });
    expect(model).toBeDefined();
    expect(stats).toMatchObject({ rowsIn: 50, rowsOut: 40, groups: 10, flaggedGroups: 1 });
    const { items } = await fixtures.groups(provenance, { order: 'size', pageSize: 50 });
    // Ordered by where each group starts: the scorer decides how certain each is.
    items.sort((a, b) => a.members[0].line - b.members[0].line);
    expect(items.map((g) => g.members.map((m) => `${m.file}:${m.line}`))).toEqual(Array.from({ length: 10 }, (_, i) => [`0:${i * 4 + 2}`, `1:${i + 2}`]));
    for (const group of items) {
      for (const member of group.members) {
        expect(member.reason).toBe('probabilistic');
        expect(member.probability).toBeGreaterThanOrEqual(0.9);
      }
      expect(group.certainty).toBe(Math.min(...group.members.map((m) => m.probability as number)));
      expect(group.members[1].matchedOn).toEqual(expect.any(String));
    }
    expect(items.filter((g) => g.flagged).map((g) => g.clusterId)).toEqual(['c-0-38']);
  });
});
