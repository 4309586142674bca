import type { ComparisonKind } from '@sluice/contracts';

/**
 * How one field of one record is held for comparing: its normalised text (what blocking and exact
 * agreement use) and, for dates and numbers, the parsed value the closeness levels need.
 */
export interface ComparedColumns {
  value: string;
  date?: string;
  number?: string;
}

export interface ComparisonLevels {
  /** From "agree" (index 0, always exact agreement) to "disagree" (the last); the null level is not one of them. */
  labels: string[];
  /**
   * The costly measures of a pair (a similarity, an edit distance), computed once per pair in an inner
   * query: a CASE that called them in each WHEN would run them again for every level a pair fails,
   * and most pairs fail them all.
   */
  measures(left: ComparedColumns, right: ComparedColumns): string[];
  /** SQL for the level index of a pair, from its columns and its measures' columns; NULL when either side is empty (the null level, which weighs nothing). */
  level(left: ComparedColumns, right: ComparedColumns, measures: string[]): string;
}

/** A CASE over a pair's values: NULL when a side is empty, 0 when equal, then the first branch that holds, else `last`. */
const bands = (left: string, right: string, branches: [condition: string, level: number][], last: number): string =>
  `CASE WHEN ${left} IS NULL OR ${right} IS NULL THEN NULL WHEN ${left} = ${right} THEN 0 ${branches
    .map(([condition, level]) => `WHEN ${condition} THEN ${level}`)
    .join(' ')} ELSE ${last} END`;

/** Bands from level 1 on, one per condition. */
const levels = (conditions: string[]): [string, number][] => conditions.map((condition, index) => [condition, index + 1]);

const NAME_SIMILARITIES = [0.92, 0.88, 0.7];
const NUMBER_SHARES = [0.01, 0.1];

// DuckDB's damerau_levenshtein is several times slower than levenshtein, so the text levels measure
// Levenshtein distance and run DL only where the bounds cannot decide: DL ≤ Levenshtein (a
// Levenshtein edit is a DL edit), Levenshtein ≤ 2 × DL (a transposition is two Levenshtein edits),
// and both are at least the difference in length (so Levenshtein is skipped when that is too far).

/** The levels of each comparison kind, as ComparisonKind's contract describes them. */
export const COMPARISON_LEVELS: Record<ComparisonKind, ComparisonLevels> = {
  exact: {
    labels: ['exact', 'different'],
    measures: () => [],
    level: (l, r) => bands(l.value, r.value, [], 1),
  },
  name: {
    labels: ['exact', ...NAME_SIMILARITIES.map((s) => `Jaro–Winkler ≥ ${s}`), 'different'],
    measures: (l, r) => [`jaro_winkler_similarity(${l.value}, ${r.value})`],
    level: (l, r, [similarity]) => bands(l.value, r.value, levels(NAME_SIMILARITIES.map((s) => `${similarity} >= ${s}`)), 4),
  },
  text: {
    labels: ['exact', 'Damerau–Levenshtein ≤ 1', 'Damerau–Levenshtein ≤ 2', 'different'],
    measures: (l, r) => [`CASE WHEN abs(length(${l.value}) - length(${r.value})) <= 2 THEN levenshtein(${l.value}, ${r.value}) END`],
    level: (l, r, [edits]) =>
      bands(
        l.value,
        r.value,
        [
          [`${edits} IS NULL OR ${edits} > 4`, 3],
          [`${edits} <= 1`, 1],
          [`damerau_levenshtein(${l.value}, ${r.value}) <= 1`, 1],
          [`damerau_levenshtein(${l.value}, ${r.value}) <= 2`, 2],
        ],
        3,
      ),
  },
  date: {
    labels: ['exact', 'one digit mistyped or transposed', 'within 30 days', 'within 1 year', 'different'],
    // The value is the date's digits (YYYYMMDD), so a slipped key or swapped pair of digits is one
    // edit even when it makes no valid date (month 13); the day distances need both dates to parse.
    // Between digit strings of the same length (nearly every pair), DL ≤ 1 is one differing position
    // or two adjacent swapped ones, so the cheap Hamming distance decides almost all pairs.
    measures: (l, r) => [`CASE WHEN length(${l.value}) = length(${r.value}) THEN hamming(${l.value}, ${r.value}) END`, `abs(date_diff('day', ${l.date}, ${r.date}))`],
    level: (l, r, [differing, days]) =>
      bands(
        l.value,
        r.value,
        [
          [`${differing} <= 1`, 1],
          [`${differing} = 2 AND damerau_levenshtein(${l.value}, ${r.value}) <= 1`, 1],
          [`${differing} IS NULL AND abs(length(${l.value}) - length(${r.value})) = 1 AND levenshtein(${l.value}, ${r.value}) <= 1`, 1],
          [`${days} <= 30`, 2],
          [`${days} <= 365`, 3],
        ],
        4,
      ),
  },
  number: {
    labels: ['exact', ...NUMBER_SHARES.map((s) => `within ${s * 100} %`), 'different'],
    measures: (l, r) => [`abs(${l.number} - ${r.number}) / nullif(greatest(abs(${l.number}), abs(${r.number})), 0)`],
    level: (l, r, [share]) => bands(l.value, r.value, levels(NUMBER_SHARES.map((s) => `${share} <= ${s}`)), 3),
  },
};

/** Lower case without accents or apostrophes (O'Brien is obrien): the first step of normalising text. */
export const foldedText = (cell: string) => `replace(replace(lower(strip_accents(${cell})), '''', ''), '’', '')`;

/**
 * Folded text with every other run of punctuation or space made one space; NULL when nothing is left.
 * Most values are clean already: the replacing regex runs only on the others.
 */
export const normalisedText = (folded: string) =>
  `CASE WHEN regexp_full_match(${folded}, '[a-z0-9]+( [a-z0-9]+)*') THEN ${folded} ELSE nullif(trim(regexp_replace(${folded}, '[^a-z0-9]+', ' ', 'g')), '') END`;

/** A date from ISO text (what staging writes), a timestamp, or compact YYYYMMDD. */
export const parsedDate = (cell: string) =>
  `coalesce(try_cast(trim(${cell}) AS DATE), try_cast(try_cast(trim(${cell}) AS TIMESTAMP) AS DATE), try_strptime(trim(${cell}), '%Y%m%d')::DATE)`;

/** A number, ignoring thousands separators and spaces. */
export const parsedNumber = (cell: string) => `try_cast(regexp_replace(${cell}, '[,\\s]', '', 'g') AS DOUBLE)`;

/** A date's comparable text: its digits in YYYYMMDD order when it parsed (`date`), else whatever digits the cell holds. */
export const dateDigits = (date: string, cell: string) => `coalesce(strftime(${date}, '%Y%m%d'), nullif(regexp_replace(${cell}, '[^0-9]', '', 'g'), ''))`;
