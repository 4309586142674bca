// Synthetic people for dedupe.bench.ts's timing run, made inside DuckDB: names from syllables (given
// names skewed so some are common), birth dates over 75 years, postcodes, street numbers, addresses,
// suburbs and 7-digit ids; a fifth of the records repeat a person with typos (a letter changed, dropped
// or two swapped), slipped digits and missing values, as Febrl's generator does.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DedupeConfig } from '@sluice/contracts';

export const SYNTHETIC_FIELDS = ['given_name', 'surname', 'date_of_birth', 'street_number', 'address_1', 'suburb', 'postcode', 'soc_sec_id'];

/**
 * What a user would write for a million people: blocking rules on pairs of fields (a surname alone
 * would make tens of millions of pairs in real data, where a few surnames are very common), each
 * field in more than one rule so one typo does not hide a pair; every field compared.
 */
export const SYNTHETIC_DEDUPE: DedupeConfig = {
  mode: 'probabilistic',
  keys: [],
  policy: 'most_complete',
  probabilistic: {
    blocking: [['surname', 'given_name'], ['surname', 'date_of_birth'], ['given_name', 'date_of_birth'], ['postcode', 'street_number'], ['soc_sec_id']],
    comparisons: [
      { field: 'given_name', kind: 'name', termFrequency: true },
      { field: 'surname', kind: 'name', termFrequency: true },
      { field: 'date_of_birth', kind: 'date' },
      { field: 'soc_sec_id', kind: 'text' },
      { field: 'street_number', kind: 'exact' },
      { field: 'address_1', kind: 'text' },
      { field: 'suburb', kind: 'name' },
      { field: 'postcode', kind: 'exact', termFrequency: true },
    ],
  },
};

const list = (words: string) =>
  `[${words
    .split(' ')
    .map((w) => `'${w}'`)
    .join(', ')}]`;
const FIRST = list('al ber car dan el fran ge han i jo ka le ma ni o pe qui ra sa te u vi wil xa ya zo an bri cla de');
const SECOND = list('a o ie y en on as us ine ette ah el er ia is ne ra ta lyn ton');
const ROOT = list(
  'mac ash bell bro cha dal ed fer gar hal ing jen kel lan mor nor ol pat quin ros sta tho ul van wat yor zim ad bar cor dun elm fos gil hol ivy jar kil lin mar nel orm pen rid sel tur wen bla cre',
);
const ENDING = list(
  'son ley ton man field worth wood ford ham well by er ins s ett ock ard es en ry hurst lock more wick dale stone ridge cott brook ing ell low away gate lund berg stein ski ez',
);
const STREET = list('street road avenue place court crescent drive lane way terrace');

/** Makes TEMP TABLES bench_records(record_id, cells) in SYNTHETIC_FIELDS order and bench_truth(record_id, entity); returns the repeats. */
export async function makeSyntheticPeople(db: DuckDBConnection, records: number): Promise<number> {
  const repeats = Math.round(records / 5);
  const people = records - repeats;
  await db.run('CREATE OR REPLACE TEMP MACRO bench_pick(words, h) AS words[1 + (h % len(words))::BIGINT]');
  await db.run(`CREATE OR REPLACE TEMP MACRO bench_typo(s, h) AS CASE WHEN s IS NULL OR length(s) < 3 THEN s
    WHEN h % 3 = 0 THEN left(s, (1 + (h // 3) % (length(s) - 1))::INTEGER - 1) || chr((97 + (h // 7) % 26)::INTEGER) || substr(s, (1 + (h // 3) % (length(s) - 1))::INTEGER + 1)
    WHEN h % 3 = 1 THEN left(s, (1 + (h // 3) % (length(s) - 1))::INTEGER - 1) || substr(s, (1 + (h // 3) % (length(s) - 1))::INTEGER + 1)
    ELSE left(s, (1 + (h // 3) % (length(s) - 1))::INTEGER - 1) || substr(s, (1 + (h // 3) % (length(s) - 1))::INTEGER + 1, 1)
      || substr(s, (1 + (h // 3) % (length(s) - 1))::INTEGER, 1) || substr(s, (1 + (h // 3) % (length(s) - 1))::INTEGER + 2) END`);
  await db.run(`CREATE OR REPLACE TEMP MACRO bench_slip(s, h) AS CASE WHEN s IS NULL OR length(s) < 2 THEN s
    ELSE left(s, (h % length(s))::INTEGER) || chr((48 + (h // 11) % 10)::INTEGER) || substr(s, (h % length(s))::INTEGER + 2) END`);
  await db.run(`CREATE OR REPLACE TEMP TABLE bench_people AS SELECT p AS person,
      bench_pick(${FIRST}, floor(pow((hash(p, 1) % 10000) / 10000, 2) * 30)::BIGINT) || bench_pick(${SECOND}, hash(p, 2)) AS given_name,
      bench_pick(${ROOT}, hash(p, 3)) || bench_pick(${ROOT}, hash(p, 4)) || bench_pick(${ENDING}, hash(p, 5)) AS surname,
      strftime(DATE '1930-01-01' + (hash(p, 6) % 27000)::INTEGER, '%Y-%m-%d') AS date_of_birth,
      (1 + hash(p, 8) % 300)::VARCHAR AS street_number,
      bench_pick(${ROOT}, hash(p, 9)) || bench_pick(${ENDING}, hash(p, 10)) || ' ' || bench_pick(${STREET}, hash(p, 11)) AS address_1,
      bench_pick(${ROOT}, hash(p, 12)) || bench_pick(${ENDING}, hash(p, 13)) AS suburb,
      (1000 + hash(p, 7) % 9000)::VARCHAR AS postcode,
      lpad((hash(p, 14) % 10000000)::VARCHAR, 7, '0') AS soc_sec_id
    FROM range(${people}) t(p)`);
  // A repeat's field: kept, mistyped (below `typo` in 100) or left empty (below `missing`).
  const vary = (field: string, salt: number, typo: number, missing: number, change = 'bench_typo') =>
    `CASE WHEN hash(d, ${salt}) % 100 < ${typo} THEN ${change}(${field}, hash(d, ${salt + 50})) WHEN hash(d, ${salt}) % 100 < ${missing} THEN NULL ELSE ${field} END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE bench_repeats AS SELECT d, p.*
    FROM range(${repeats}) t(d) JOIN bench_people p ON p.person = hash(d, 20) % ${people}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE bench_records AS
    SELECT person + 1 AS record_id, person AS entity, [${SYNTHETIC_FIELDS.join(', ')}] AS cells FROM bench_people
    UNION ALL
    SELECT ${people} + d + 1, person, [${vary('given_name', 21, 20, 25)}, ${vary('surname', 22, 20, 23)}, ${vary('date_of_birth', 23, 12, 15, 'bench_slip')},
      ${vary('street_number', 24, 5, 12, 'bench_slip')}, ${vary('address_1', 25, 20, 28)}, ${vary('suburb', 26, 12, 15)},
      ${vary('postcode', 27, 8, 8, 'bench_slip')}, ${vary('soc_sec_id', 28, 10, 13, 'bench_slip')}]
    FROM bench_repeats`);
  await db.run('CREATE OR REPLACE TEMP TABLE bench_truth AS SELECT record_id, entity FROM bench_records');
  await db.run('ALTER TABLE bench_records DROP COLUMN entity');
  await db.run('DROP TABLE bench_people');
  await db.run('DROP TABLE bench_repeats');
  return repeats;
}
