import type { DuckDBConnection } from '@duckdb/node-api';
import { STAGED_LINE_COLUMN } from '@sluice/core';

import { ident, sqlLiteral } from '../../duckdb-session';

export const GENERATED_PEOPLE_FIELDS = ['first_name', 'last_name', 'full_name', 'email', 'linkedin_profile', 'company_domain', 'job_title', 'person_location'];

/**
 * Writes `rows` staged people records (as parseAndValidate stages them) to `output`, generated in
 * DuckDB: a fifth of the rows repeat someone, some copies without their email (found by name and
 * company) or with their name misspelt (found by email), so every key alternative has work to do.
 * Every copy can be found, so the people are how many records a merge should leave.
 */
export async function writeGeneratedPeople(db: DuckDBConnection, rows: number, output: string): Promise<number> {
  const people = Math.round(rows / 1.25);
  // Row i describes person i for the first `people` rows, then repeats person (i * 7919) % people.
  const person = `CASE WHEN i < ${people} THEN i ELSE (i * 7919) % ${people} END`;
  await db.run(`COPY (SELECT i + 2 AS ${ident(STAGED_LINE_COLUMN)},
      'Given' || (p % 5000) AS first_name, 'Family' || (p // 5000) AS last_name,
      CASE WHEN copy AND p % 11 = 0 AND p % 3 <> 0 THEN 'Given' || (p % 5000) || ' Famly' || (p // 5000) ELSE 'Given' || (p % 5000) || ' Family' || (p // 5000) END AS full_name,
      CASE WHEN copy AND p % 3 = 0 THEN NULL ELSE 'person' || p || '@mail' || (p % 97) || '.io' END AS email,
      CASE WHEN p % 4 = 0 THEN 'https://linkedin.com/in/person-' || p END AS linkedin_profile,
      'company' || (p % 20000) || '.com' AS company_domain,
      CASE WHEN copy THEN 'Head of ' || (p % 13) END AS job_title,
      'City ' || (p % 300) AS person_location
    FROM (SELECT i, ${person} AS p, i >= ${people} AS copy FROM range(${rows}) t(i)))
    TO ${sqlLiteral(output)} (FORMAT CSV, HEADER true)`);
  return people;
}
