import { peopleDataset } from '@sluice/core';

import { withDuckDb } from '../duckdb-session';
import type { MergeDedupe } from '../merge-records';
import { writeGeneratedPeople } from './testing/generated-people';
import { StagedFixtures } from './testing/staged-fixtures';

// A sanity check that no step is quadratic (an all-pairs step would not finish at this size), not a
// benchmark: times are printed, not asserted. DEDUPE_TIMING_ROWS=1000000 measures a million.
const ROWS = Number(process.env['DEDUPE_TIMING_ROWS'] ?? 200_000);

describe(`merging ${ROWS.toLocaleString('en-US')} generated people`, () => {
  let fixtures: StagedFixtures;
  let file: string;
  let people: number;
  const fields = peopleDataset.fields.map((f) => f.name);
  const types = Object.fromEntries(peopleDataset.fields.map((f) => [f.name, f.type]));

  beforeAll(async () => {
    fixtures = new StagedFixtures();
    file = fixtures.path('people.csv');
    people = await withDuckDb((db) => writeGeneratedPeople(db, ROWS, file));
  }, 600_000);
  afterAll(() => fixtures.remove());

  async function timed(label: string, dedupe: MergeDedupe, provenance: boolean) {
    const started = Date.now();
    const { stats } = await fixtures.merge({ files: [file], fields, types, dedupe, ...(provenance ? { provenance: { output: fixtures.path('provenance.parquet') } } : {}) });
    console.log(`${ROWS.toLocaleString('en-US')} people, ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`, stats);
    return stats;
  }

  it('finds every copy with the people preset (any key), with and without provenance', async () => {
    const dedupe = peopleDataset.dedupe as MergeDedupe;
    expect(await timed('people preset', dedupe, false)).toMatchObject({ rowsIn: ROWS, rowsOut: people, flaggedGroups: 0 });
    expect(await timed('people preset with provenance', dedupe, true)).toMatchObject({ rowsIn: ROWS, rowsOut: people });
  }, 900_000);

  it('adds confirmed fuzzy names within a company', async () => {
    const dedupe: MergeDedupe = {
      ...(peopleDataset.dedupe as MergeDedupe),
      fuzzy: { field: 'full_name', blockBy: 'company_domain', threshold: 90, confirmBy: ['person_location'] },
    };
    // Generated colleagues with similar names in one city merge too: only the time matters here.
    expect((await timed('people preset and fuzzy names', dedupe, true)).rowsOut).toBeLessThanOrEqual(people);
  }, 900_000);
});
