import type { ComparisonKind } from '@sluice/contracts';

import { sqlLiteral, withDuckDb } from '../duckdb-session';
import { levelOf, pairColumns, planProbabilistic, prepareRecords } from './probabilistic-records';

/** The level DuckDB gives each pair of raw cells when the field is compared as `kind`, normalised as the scorer normalises. */
function levels(kind: ComparisonKind, pairs: [string | null, string | null][]): Promise<(number | null)[]> {
  return withDuckDb(async (db) => {
    const rows = pairs.flatMap(([left, right], i) => [
      `(${2 * i + 1}, [${left === null ? 'NULL' : sqlLiteral(left)}])`,
      `(${2 * i + 2}, [${right === null ? 'NULL' : sqlLiteral(right)}])`,
    ]);
    await db.run(`CREATE TEMP TABLE records AS SELECT id::BIGINT AS record_id, cells::VARCHAR[] AS cells FROM (VALUES ${rows.join(', ')}) v(id, cells)`);
    const plan = planProbabilistic(['x'], { blocking: [['x']], comparisons: [{ field: 'x', kind }] });
    await prepareRecords(db, 'records', ['x'], plan);
    const [field] = plan.compared;
    const read = await db.runAndReadAll(`SELECT ${levelOf(field)} FROM (SELECT a.record_id AS id, ${pairColumns(field).join(', ')}
      FROM prob_records a JOIN prob_records b ON b.record_id = a.record_id + 1 WHERE a.record_id % 2 = 1) ORDER BY id`);
    return read.getRows().map(([level]) => (level === null ? null : Number(level)));
  });
}

describe('comparison levels', () => {
  it('exact: equal after normalising case, accents and punctuation, else different; empty is the null level', async () => {
    expect(
      await levels('exact', [
        ['AB-123', 'ab 123'],
        ['José', 'jose'],
        ['ab123', 'ab124'],
        [null, 'ab123'],
        ['  -- ', 'ab123'],
      ]),
    ).toEqual([0, 0, 1, null, null]);
  });

  it('name: exact, then Jaro–Winkler at 0.92, 0.88 and 0.7', async () => {
    expect(
      await levels('name', [
        ["O'Brien", 'obrien'],
        ['jonathan', 'jonathon'], // 0.95
        ['james', 'jamie'], // 0.907
        ['catherine', 'kathryn'], // 0.757
        ['john', 'mary'],
        ['john', null],
      ]),
    ).toEqual([0, 1, 2, 3, 4, null]);
  });

  it('text: exact, then Damerau–Levenshtein ≤ 1 and ≤ 2, transpositions counting once', async () => {
    expect(
      await levels('text', [
        ['12 Main Street', '12 main street'],
        ['12 main street', '12 main stret'], // a letter dropped
        ['1804974', '1809474'], // two digits swapped: Levenshtein 2, DL 1
        ['abcdef', 'bacdfe'], // two swaps: Levenshtein 4, DL 2
        ['1804974', '2635081'],
        ['abc', 'abcdef'], // three letters longer
        [null, null],
      ]),
    ).toEqual([0, 1, 1, 2, 3, 3, null]);
  });

  it('date: exact (whatever the writing), one digit mistyped or swapped, within 30 days, within a year', async () => {
    expect(
      await levels('date', [
        ['1956-04-09', '19560409'],
        ['1956-04-09', '1956-04-08'], // one digit
        ['1956-04-09', '1956-04-90'], // swapped digits, no valid date
        ['1956-04-09', '1956-04-25'], // 16 days, two digits
        ['1956-04-09', '1957-01-09'], // 275 days
        ['1956-04-09', '1990-01-01'],
        ['1956-04-09', '1956409'], // a digit dropped
        ['1956-04-09', ''],
      ]),
    ).toEqual([0, 1, 1, 2, 3, 4, 1, null]);
  });

  it('number: equal values, then within 1 % and 10 %', async () => {
    expect(
      await levels('number', [
        ['1,000', '1000'],
        ['100', '100.5'],
        ['100', '105'],
        ['100', '150'],
        ['n/a', '100'],
        ['n/a', 'N/A'],
      ]),
    ).toEqual([0, 1, 2, 3, 3, 0]);
  });
});
