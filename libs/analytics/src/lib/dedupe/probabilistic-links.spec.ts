import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProbabilisticDedupe } from '@sluice/contracts';

import { sqlLiteral, withDuckDb } from '../duckdb-session';
import { BlockingTooWide, scoreProbabilisticLinks } from './probabilistic-links';

const FIELDS = ['given_name', 'surname', 'date_of_birth', 'ssn', 'postcode'];
const SETTINGS: ProbabilisticDedupe = {
  blocking: [['surname'], ['date_of_birth'], ['ssn']],
  comparisons: [
    { field: 'given_name', kind: 'name', termFrequency: true },
    { field: 'surname', kind: 'name', termFrequency: true },
    { field: 'date_of_birth', kind: 'date' },
    { field: 'ssn', kind: 'text' },
    { field: 'postcode', kind: 'exact' },
  ],
};

const words = (text: string) => `[${text.split(' ').map(sqlLiteral).join(', ')}]`;

/**
 * TEMP TABLES records(record_id, cells) and truth(record_id, entity): 600 people, 200 repeats of them
 * with a typo in a name, a slipped digit or a missing value, and 100 siblings (a person's surname and
 * postcode, another given name, birth date and ssn) that must stay apart.
 */
async function people(db: DuckDBConnection): Promise<void> {
  await db.run(`CREATE TEMP MACRO typo(s, h) AS CASE WHEN s IS NULL OR length(s) < 3 THEN s
    ELSE left(s, (1 + h % (length(s) - 1))::INTEGER - 1) || chr((97 + (h // 7) % 26)::INTEGER) || substr(s, (1 + h % (length(s) - 1))::INTEGER + 1) END`);
  await db.run(`CREATE TEMP TABLE persons AS SELECT p,
      ${words('al ber car dan el fran ge han jo ka le ma ni pe ra sa te vi')}[(1 + hash(p, 1) % 18)::BIGINT] || ${words('a o ie en on as ine ette el er')}[(1 + hash(p, 2) % 10)::BIGINT] AS given_name,
      ${words('mac ash bell bro cha dal fer gar hal ing jen kel lan mor nor pat ros sta tho van')}[(1 + hash(p, 3) % 20)::BIGINT]
        || ${words('son ley ton man field worth wood ford ham well by er ins')}[(1 + hash(p, 4) % 13)::BIGINT] AS surname,
      strftime(DATE '1940-01-01' + (hash(p, 5) % 20000)::INTEGER, '%Y-%m-%d') AS date_of_birth,
      lpad((hash(p, 6) % 10000000)::VARCHAR, 7, '0') AS ssn,
      (1000 + hash(p, 7) % 900)::VARCHAR AS postcode
    FROM range(600) t(p)`);
  await db.run(`CREATE TEMP TABLE records_with_truth AS
    SELECT p + 1 AS record_id, p AS entity, [given_name, surname, date_of_birth, ssn, postcode] AS cells FROM persons
    UNION ALL
    SELECT 1001 + d, p, [
        CASE WHEN d % 5 = 0 THEN typo(given_name, hash(d, 9)) ELSE given_name END,
        CASE WHEN d % 5 = 1 THEN typo(surname, hash(d, 9)) ELSE surname END,
        CASE WHEN d % 5 = 2 THEN replace(date_of_birth, '-0', '-1') ELSE date_of_birth END,
        CASE WHEN d % 5 = 3 THEN NULL ELSE ssn END,
        CASE WHEN d % 5 = 4 THEN NULL ELSE postcode END]
    FROM range(200) t(d) JOIN persons ON p = (d * 3) % 600
    UNION ALL
    SELECT 2001 + s, 10000 + s, [
        ${words('zed yan xia wen uma tor sol rue quin')}[(1 + hash(s, 11) % 9)::BIGINT],
        surname,
        strftime(DATE '1940-01-01' + (hash(s, 12) % 20000)::INTEGER, '%Y-%m-%d'),
        lpad((hash(s, 13) % 10000000)::VARCHAR, 7, '0'),
        postcode]
    FROM range(100) t(s) JOIN persons ON p = (s * 7) % 600`);
  await db.run('CREATE TEMP TABLE records AS SELECT record_id::BIGINT AS record_id, cells::VARCHAR[] AS cells FROM records_with_truth');
  await db.run('CREATE TEMP TABLE truth AS SELECT record_id, entity FROM records_with_truth');
}

async function links(db: DuckDBConnection): Promise<{ a: number; b: number; probability: number; matchedOn: string | null }[]> {
  const read = await db.runAndReadAll('SELECT a, b, probability, matched_on FROM probabilistic_links ORDER BY a, b');
  return read.getRows().map(([a, b, probability, matchedOn]) => ({ a: Number(a), b: Number(b), probability: Number(probability), matchedOn: matchedOn as string | null }));
}

/** Links against the truth: [right, wrong] and the true pairs. */
async function tally(db: DuckDBConnection): Promise<{ right: number; wrong: number; truePairs: number }> {
  const read = await db.runAndReadAll(`SELECT count(*) FILTER (WHERE ta.entity = tb.entity), count(*) FILTER (WHERE ta.entity <> tb.entity),
      (SELECT count(*) FROM truth x JOIN truth y ON x.entity = y.entity AND x.record_id < y.record_id)
    FROM probabilistic_links l JOIN truth ta ON ta.record_id = l.a JOIN truth tb ON tb.record_id = l.b`);
  const [right, wrong, truePairs] = read.getRows()[0].map(Number);
  return { right, wrong, truePairs };
}

// Each scoring compares ~400,000 random pairs for u: seconds on a shared machine.
jest.setTimeout(60_000);

describe('scoreProbabilisticLinks', () => {
  it('learns m and u without labels and links the repeats, never two different people', async () => {
    await withDuckDb(async (db) => {
      await people(db);
      const model = await scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings: SETTINGS });
      const { right, wrong, truePairs } = await tally(db);
      expect(truePairs).toBe(200);
      expect(wrong).toBe(0);
      expect(right).toBeGreaterThanOrEqual(190);
      expect(model.iterations).toBeGreaterThan(0);
      expect(model.iterations).toBeLessThan(25);
      // 200 true pairs among 900 × 899 / 2.
      expect(model.lambda).toBeGreaterThan(200 / 404_550 / 2);
      expect(model.lambda).toBeLessThan((200 / 404_550) * 2);
      for (const field of model.fields) {
        expect(field.trained).toBe(true);
        expect(field.levels.map((l) => l.label)[0]).toBe('exact');
        // Agreement is far likelier between duplicates than between random people; disagreement the other way round.
        expect(field.levels[0].m / field.levels[0].u).toBeGreaterThan(20);
        const different = field.levels[field.levels.length - 1];
        expect(different.m).toBeLessThan(different.u);
        expect(field.levels.reduce((sum, l) => sum + l.m, 0)).toBeCloseTo(1, 6);
        expect(field.levels.reduce((sum, l) => sum + l.u, 0)).toBeCloseTo(1, 6);
      }
      const typoInSurname = (await links(db)).find((l) => l.b === 1002);
      expect(typoInSurname).toEqual({ a: 4, b: 1002, probability: expect.any(Number), matchedOn: 'given_name + date_of_birth + ssn + postcode ≈ surname' });
      expect(typoInSurname?.probability).toBeGreaterThanOrEqual(0.95);
      // Only the links table is left behind.
      const tables = await db.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'prob%' ORDER BY 1");
      expect(tables.getRows().flat()).toEqual(['probabilistic_links']);
    });
  });

  it('keeps the prior m of a field every rule blocks on, and blocks on fields it does not compare', async () => {
    await withDuckDb(async (db) => {
      await people(db);
      // The repeats whose postcode is missing or whose ssn and surname both changed cannot be found here.
      const settings: ProbabilisticDedupe = {
        blocking: [
          ['postcode', 'given_name'],
          ['postcode', 'ssn'],
        ],
        comparisons: SETTINGS.comparisons.filter((c) => c.field !== 'given_name'),
      };
      const model = await scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings });
      expect(model.fields.map((f) => [f.field, f.trained])).toEqual([
        ['surname', true],
        ['date_of_birth', true],
        ['ssn', true],
        ['postcode', false],
      ]);
      expect(model.fields[3].levels.map((l) => l.m)).toEqual([0.95, 0.05]);
      const { right, wrong } = await tally(db);
      expect(wrong).toBe(0);
      expect(right).toBeGreaterThanOrEqual(150);
    });
  });

  it('makes each candidate pair once, however many blocking rules find it', async () => {
    await withDuckDb(async (db) => {
      await people(db);
      const model = await scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings: { ...SETTINGS, threshold: 1e-300 } });
      const surname = (side: string) => `nullif(trim(regexp_replace(lower(${side}.cells[2]), '[^a-z0-9]+', ' ', 'g')), '')`;
      const expected = await db.runAndReadAll(`SELECT count(*) FROM records a JOIN records b ON a.record_id < b.record_id AND (${surname('a')} = ${surname('b')}
        OR replace(a.cells[3], '-', '') = replace(b.cells[3], '-', '') OR a.cells[4] = b.cells[4])`);
      const made = await db.runAndReadAll('SELECT count(*), count(DISTINCT (a, b)), count(*) FILTER (WHERE a >= b) FROM probabilistic_links');
      expect(made.getRows()[0].map(Number)).toEqual([Number(expected.getRows()[0][0]), Number(expected.getRows()[0][0]), 0]);
      expect(model.candidatePairs).toBe(Number(expected.getRows()[0][0]));
    });
  });

  it('keeps only pairs at or above the threshold', async () => {
    await withDuckDb(async (db) => {
      await people(db);
      const counts: number[] = [];
      for (const threshold of [0.5, 0.95, 0.999999]) {
        const model = await scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings: { ...SETTINGS, threshold } });
        const all = await links(db);
        expect(all.every((l) => l.probability >= threshold && l.probability <= 1)).toBe(true);
        expect(model.links).toBe(all.length);
        counts.push(all.length);
      }
      expect(counts[0]).toBeGreaterThanOrEqual(counts[1]);
      expect(counts[1]).toBeGreaterThan(counts[2]);
    });
  });

  it('gives the same model and links for the same records', async () => {
    const run = () =>
      withDuckDb(async (db) => {
        await people(db);
        const model = await scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings: SETTINGS });
        return { model, links: await links(db) };
      });
    const [first, second] = [await run(), await run()];
    expect(second.links.map(({ a, b, matchedOn }) => [a, b, matchedOn])).toEqual(first.links.map(({ a, b, matchedOn }) => [a, b, matchedOn]));
    second.links.forEach((link, i) => expect(link.probability).toBeCloseTo(first.links[i].probability, 9));
    expect(second.model.lambda).toBeCloseTo(first.model.lambda, 12);
  });

  it('weighs agreement on a common value less than on a rare one when the field has term frequencies', async () => {
    // Two pairs alike in every level (same given name and birth date, surnames equal, other fields
    // different): one shares the commonest surname of the set, the other a surname only they have.
    const score = (termFrequency: boolean) =>
      withDuckDb(async (db) => {
        await people(db);
        await db.run(`INSERT INTO records SELECT 3000 + i, [given_name, surname, '1931-02-03', lpad((i * 1234567 % 10000000)::VARCHAR, 7, '0'), (2000 + i)::VARCHAR]
          FROM (VALUES (0, 'alex', 'smith'), (1, 'alex', 'smith'), (2, 'alex', 'zyskowski'), (3, 'alex', 'zyskowski')) v(i, given_name, surname)`);
        await db.run(`INSERT INTO records SELECT 3100 + i, [${words('bo cy di ed fy gus hal ivo jan kit lou mo')}[(1 + i % 12)::BIGINT], 'smith',
            strftime(DATE '1950-01-01' + (i * 97)::INTEGER, '%Y-%m-%d'), lpad((i * 7654321 % 10000000)::VARCHAR, 7, '0'), (3000 + i)::VARCHAR] FROM range(60) t(i)`);
        const comparisons = SETTINGS.comparisons.map((c) => (c.field === 'surname' ? { ...c, termFrequency } : c));
        await scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings: { ...SETTINGS, comparisons, threshold: 1e-300 } });
        const read = await db.runAndReadAll('SELECT a, probability FROM probabilistic_links WHERE (a, b) IN ((3000, 3001), (3002, 3003)) ORDER BY a');
        return read.getRows().map(([, probability]) => Number(probability));
      });
    const odds = (p: number) => p / (1 - p);
    const [commonWith, rareWith] = await score(true);
    // u of the exact level is the value's frequency: 62 records say smith, 2 zyskowski.
    expect(odds(rareWith) / odds(commonWith)).toBeCloseTo(62 / 2, 6);
    expect(commonWith).toBeLessThan(0.95);
    const [commonWithout, rareWithout] = await score(false);
    expect(rareWithout).toBeCloseTo(commonWithout, 12);
  });

  it('refuses blocking that would compare too many pairs, naming the rule', async () => {
    await withDuckDb(async (db) => {
      await people(db);
      const settings = { ...SETTINGS, blocking: [['ssn'], ['postcode']] };
      await expect(scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings, maxCandidatePairs: 300 })).rejects.toThrow(BlockingTooWide);
      await expect(scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings, maxCandidatePairs: 300 })).rejects.toThrow(
        /^Blocking rule 2 \(postcode\) would compare [\d,]+ pairs of records; all rules together may compare at most 300: block on more fields$/,
      );
    });
  });

  it('links nothing when no two records share a blocking value', async () => {
    await withDuckDb(async (db) => {
      await db.run("CREATE TEMP TABLE records AS SELECT i::BIGINT AS record_id, ['n' || i, 's' || i, NULL, i::VARCHAR, NULL]::VARCHAR[] AS cells FROM range(50) t(i)");
      const model = await scoreProbabilisticLinks(db, { records: 'records', fields: FIELDS, settings: SETTINGS });
      expect(await links(db)).toEqual([]);
      expect(model).toMatchObject({ iterations: 0, candidatePairs: 0, links: 0 });
      expect(model.fields.every((f) => f.trained === false)).toBe(true);
    });
  });
});
