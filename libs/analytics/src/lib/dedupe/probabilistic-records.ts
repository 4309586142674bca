import type { DuckDBConnection } from '@duckdb/node-api';
import type { ComparisonKind, ProbabilisticDedupe } from '@sluice/contracts';

import { COMPARISON_LEVELS, ComparedColumns, ComparisonLevels, dateDigits, foldedText, normalisedText, parsedDate, parsedNumber } from './probabilistic-levels';

/** A field the scorer reads: compared (scored), or only blocked on (then normalised as text and never scored). */
export interface PlannedField {
  name: string;
  /** Its index in the planned fields: names its columns (`f3`, `d3`, `t3`) and its rows in the model tables. */
  index: number;
  kind: ComparisonKind;
  levels: ComparisonLevels;
  compared: boolean;
  termFrequency: boolean;
}

export interface ProbabilisticPlan {
  fields: PlannedField[];
  compared: PlannedField[];
  /** Each blocking rule's fields. */
  rules: PlannedField[][];
}

/** Which fields are read, how each is compared; fails on a field the records do not have (the dataset schema rejects those first). */
export function planProbabilistic(fields: string[], settings: ProbabilisticDedupe): ProbabilisticPlan {
  const planned = new Map<string, PlannedField>();
  const plan = (name: string, kind: ComparisonKind, compared: boolean, termFrequency: boolean) => {
    if (!fields.includes(name)) throw new Error(`Probabilistic dedupe names "${name}", which is not a field of these records`);
    const known = planned.get(name);
    if (known) return known;
    const field = { name, index: planned.size, kind, levels: COMPARISON_LEVELS[kind], compared, termFrequency };
    planned.set(name, field);
    return field;
  };
  const compared = settings.comparisons.map((c) => plan(c.field, c.kind, true, c.termFrequency ?? false));
  const rules = settings.blocking.map((rule) => rule.map((name) => plan(name, 'exact', false, false)));
  return { fields: [...planned.values()], compared, rules };
}

/**
 * A record's columns for `field`: in the inner query that pairs records (`a.f3`, `qualified`) or, as
 * that query names them, in the outer one that turns them into levels (`a_f3`).
 */
function side(field: PlannedField, alias: 'a' | 'b', qualified: boolean): ComparedColumns {
  const column = (stem: string) => (qualified ? `${alias}.${stem}${field.index}` : `${alias}_${stem}${field.index}`);
  return {
    value: column('f'),
    ...(field.kind === 'date' ? { date: column('d') } : {}),
    ...(field.kind === 'number' ? { number: column('n') } : {}),
  };
}

const measureNames = (field: PlannedField, a: ComparedColumns, b: ComparedColumns) => field.levels.measures(a, b).map((_, k) => `m${field.index}_${k}`);

/**
 * What the inner query of a pair (records `a` and `b`) selects for comparing `field`: both sides'
 * columns, the value's frequency for term-frequency fields, and each costly measure, computed once.
 */
export function pairColumns(field: PlannedField): string[] {
  const [a, b] = [side(field, 'a', true), side(field, 'b', true)];
  const [outerA, outerB] = [side(field, 'a', false), side(field, 'b', false)];
  const keys = Object.keys(a) as (keyof ComparedColumns)[];
  const names = measureNames(field, a, b);
  return [
    ...keys.flatMap((key) => [`${a[key]} AS ${outerA[key]}`, `${b[key]} AS ${outerB[key]}`]),
    ...field.levels.measures(a, b).map((sql, k) => `${sql} AS ${names[k]}`),
    ...(field.termFrequency ? [`a.t${field.index} AS a_t${field.index}`] : []),
  ];
}

/** SQL, over pairColumns' names, of a pair's level on `field`. */
export function levelOf(field: PlannedField): string {
  const [a, b] = [side(field, 'a', false), side(field, 'b', false)];
  return field.levels.level(a, b, measureNames(field, a, b));
}

/** SQL, over pairColumns' names, of the value's frequency when a term-frequency field agrees exactly (NULL otherwise). */
export const frequencyOf = (field: PlannedField) => `CASE WHEN a_f${field.index} = b_f${field.index} THEN a_t${field.index} END`;

/** SQL that holds when records `a` and `b` (in the inner query) agree exactly on every field of `rule`; an empty value agrees with nothing. */
export const agreesOn = (rule: PlannedField[]) => rule.map((f) => `a.f${f.index} = b.f${f.index}`).join(' AND ');

/** What a field's cell is parsed or folded to first, once per record: the next step reads it twice. */
function parsedColumns(field: PlannedField, cell: string): string[] {
  const i = field.index;
  if (field.kind === 'date') return [`${parsedDate(cell)} AS d${i}`];
  if (field.kind === 'number') return [`${parsedNumber(cell)} AS n${i}`, `${foldedText(cell)} AS x${i}`];
  return [`${foldedText(cell)} AS x${i}`];
}

/** The field's columns in prob_records: its normalised value `f`, and its parsed date `d` or number `n`. */
function preparedColumns(field: PlannedField, cell: string): string[] {
  const i = field.index;
  if (field.kind === 'date') return [`${dateDigits(`d${i}`, cell)} AS f${i}`, `d${i}`];
  if (field.kind === 'number') return [`coalesce(n${i}::VARCHAR, ${normalisedText(`x${i}`)}) AS f${i}`, `n${i}`];
  return [`${normalisedText(`x${i}`)} AS f${i}`];
}

/**
 * TEMP TABLE prob_records: one row per record with each planned field normalised once, and for
 * term-frequency fields `t<i>`, the share of records (with a value) holding the same value.
 */
export async function prepareRecords(db: DuckDBConnection, records: string, fields: string[], plan: ProbabilisticPlan): Promise<number> {
  const cell = (name: string) => `cells[${fields.indexOf(name) + 1}]`;
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_normalised AS SELECT record_id, ${plan.fields.flatMap((f) => preparedColumns(f, cell(f.name))).join(', ')}
    FROM (SELECT record_id, cells, ${plan.fields.flatMap((f) => parsedColumns(f, cell(f.name))).join(', ')} FROM ${records})`);
  // Term frequencies by counting each value once and joining back: cheaper than a window per field.
  const frequent = plan.fields.filter((f) => f.termFrequency);
  const joins = frequent.map(
    (f) => ` LEFT JOIN (SELECT f${f.index}, count(*) / sum(count(*)) OVER () AS t${f.index} FROM prob_normalised WHERE f${f.index} IS NOT NULL GROUP BY ALL) USING (f${f.index})`,
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE prob_records AS SELECT prob_normalised.*${frequent.map((f) => `, t${f.index}`).join('')} FROM prob_normalised${joins.join('')}`);
  await db.run('DROP TABLE prob_normalised');
  const counted = await db.runAndReadAll('SELECT count(*) FROM prob_records');
  return Number(counted.getRows()[0][0]);
}
