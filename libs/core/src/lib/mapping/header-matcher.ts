import type { ColumnMappingView } from '@sluice/contracts';
import { ratio, token_sort_ratio } from 'fuzzball';

import type { FieldType } from '../datasets/dataset-definition';
import type { Stepwise } from '../work/stepwise';
import { runToEnd } from '../work/stepwise';
import { headerTokens } from './header-tokens';
import { normaliseHeader } from './normalise-header';
import type { ValueKind } from './value-kinds';
import { contradicts, favours } from './value-kinds';

export interface MappableField {
  name: string;
  synonyms?: string[];
  /** The field's type, when known: sample values of another kind keep a column from it (see MatchOptions.kinds). */
  type?: FieldType;
}

export type MatchMethod = 'exact' | 'synonym' | 'fuzzy' | 'hint' | 'override';

export interface MatchOptions {
  /** What each column's sample values mostly are (see columnKinds); null or absent where unknown. */
  kinds?: (ValueKind | null)[];
  /** Columns whose field is decided already, by index: a field name (which must be one of the fields), or null to leave it unmapped. */
  fixed?: Map<number, string | null>;
  /** Leading words that only name the rows' subject (see subjectsOf); the usual ones when absent. */
  subjects?: ReadonlySet<string>;
}

export type ColumnMapping = ColumnMappingView;

export const DEFAULT_MATCH_THRESHOLD = 85;

/** Lowest score a field needs to be listed as a candidate of a column left unmapped, or to be chosen by a value hint. */
export const CANDIDATE_FLOOR = 60;
/** Fuzzy scores closer than this to the runner-up's are a guess: such a column is left for hints, or unmapped. */
export const AMBIGUITY_MARGIN = 4;
/** Kinds of values that say what a column is even when its header says nothing. */
const UNMISTAKABLE = new Set<ValueKind>(['email', 'linkedin']);
/** Candidates listed for an unmapped column. */
const CANDIDATES_SHOWN = 3;

interface Candidate {
  index: number;
  /** Position of the field in the dataset: ties go to the earlier field. */
  fieldIndex: number;
  score: number;
  method: MatchMethod;
}

/** Qualifiers that seldom change what a header names ("Work Email", "Website URL", "Company Name"): they weigh little in token similarity. */
const WEAK_TOKENS = new Set([
  'work',
  'business',
  'primary',
  'main',
  'current',
  'official',
  'url',
  'link',
  'name',
  'profile',
  'contact',
  'person',
  'utc',
  'gmt',
  'usd',
  'eur',
  'gbp',
  '000s',
]);

function tokenWeight(token: string): number {
  return WEAK_TOKENS.has(token) ? 0.15 : 1;
}

/** Weighted Jaccard similarity of two token sets, 0–100. */
export function tokenSetScore(a: string[], b: string[]): number {
  return new Term(a).setScore(new Term(b));
}

/** Headers handled in one step (between two chances to give the event loop a turn). */
const STEP = 512;

/** A header or a field's term, as the similarity measures read it. */
class Term {
  readonly chars: CharCounts;
  readonly unique: string[];
  readonly set: Set<string>;
  readonly weight: number;

  constructor(readonly tokens: string[]) {
    this.chars = new CharCounts(tokens.join(' '));
    this.set = new Set(tokens);
    this.unique = [...this.set];
    this.weight = this.unique.reduce((sum, token) => sum + tokenWeight(token), 0);
  }

  /** Weighted Jaccard similarity of the two token sets, 0–100. */
  setScore(other: Term): number {
    // Indexed loops: in a vm context (Jest) iterators in a hot loop are slow.
    let common = 0;
    for (let i = 0; i < this.unique.length; i += 1) if (other.set.has(this.unique[i])) common += tokenWeight(this.unique[i]);
    if (common === 0) return 0;
    return Math.round((100 * common) / (this.weight + other.weight - common));
  }
}

/** Characters of a string, counted by code (a normalised header holds only a–z, 0–9 and spaces; anything else shares a slot). */
class CharCounts {
  readonly counts = new Int32Array(128);
  readonly codes: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i += 1) {
      const char = text.charCodeAt(i);
      const code = char < 127 ? char : 127;
      if (this.counts[code] === 0) this.codes.push(code);
      this.counts[code] += 1;
    }
  }

  /**
   * Above the most ratio or token_sort_ratio can score for the pair, before rounding: both are 2·LCS / (total length)
   * with the words in some order, and a common subsequence uses each character no more often than both strings hold it.
   */
  scoreBound(term: CharCounts): number {
    // Indexed loops and no Math.min: in a vm context (Jest) iterators and global lookups in a hot loop are slow.
    let common = 0;
    const { codes, counts } = term;
    for (let i = 0; i < codes.length; i += 1) {
      const mine = this.counts[codes[i]];
      const theirs = counts[codes[i]];
      common += mine < theirs ? mine : theirs;
    }
    return (200 * common) / (this.text.length + term.text.length);
  }
}

/**
 * How alike a header and a term are, 0–100, both as canonical tokens (see headerTokens): edit distance catches typos
 * and joined words, token sort reordered words, weighted token sets extra qualifiers.
 */
export function termSimilarity(header: string[], term: string[]): number {
  const a = header.join(' ');
  const b = term.join(' ');
  return Math.max(ratio(a, b), sortedScore(header, term), tokenSetScore(header, term));
}

/** Least similarity of two words for one to stand for the other in reordered text. */
const WORD_LIKENESS = 80;

/**
 * token_sort_ratio, when every word of the shorter side has a like word on the other: reordering catches "Name First",
 * but letters shared across unlike words ("Company Account" / "About Company") are no evidence.
 */
function sortedScore(a: string[], b: string[]): number {
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  const aligned = few.every((word) => many.some((other) => other === word || ratio(word, other) >= WORD_LIKENESS));
  return aligned ? token_sort_ratio(a.join(' '), b.join(' ')) : 0;
}

/**
 * The best similarity of a header to a field's terms, or -1 when none can reach `floor` (the cheap bound prunes the
 * rest); `setBest` is the best token-set score of the terms, found through the terms sharing a token with the header.
 */
function fuzzyScore(header: Term, terms: Term[], floor: number, setBest: number): number {
  // A score rounds to the floor or more from here up; the margin keeps float rounding on the safe side.
  const reachable = Math.ceil(floor) - 0.5 - 1e-6;
  let best = setBest;
  for (let i = 0; i < terms.length; i += 1) {
    // A term whose characters cannot reach the floor cannot raise the best edit-distance score above it.
    if (header.chars.scoreBound(terms[i].chars) < reachable) continue;
    best = Math.max(best, ratio(header.chars.text, terms[i].chars.text), sortedScore(header.tokens, terms[i].tokens));
  }
  return best >= floor ? best : -1;
}

function addTo(index: Map<string, number[]>, key: string, fieldIndex: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [fieldIndex]);
  else if (!list.includes(fieldIndex)) list.push(fieldIndex);
}

/** normaliseHeader over a whole header row, yielding between steps. */
export function* normaliseHeadersStepwise(headers: string[]): Stepwise<string[]> {
  const normalised: string[] = [];
  for (let i = 0; i < headers.length; i += 1) {
    normalised.push(normaliseHeader(headers[i]));
    if (i % STEP === STEP - 1) yield;
  }
  return normalised;
}

/**
 * Maps each header to at most one field, and each field to at most one header, surest first: fixed columns
 * (overrides), then the field's name, then a synonym, each compared as written (normalised) and then as canonical
 * tokens (abbreviations, plurals, stopwords: see headerTokens); then the best similarity at or above the threshold
 * when it is clearly better than the runner-up; then, for columns whose sample values are of a kind (emails, dates,
 * URLs…), the field of that kind that the header resembles most. Sample values that contradict a field's type keep
 * similarity and hints from choosing it. Columns left unmapped list their best candidates.
 * Exact names and synonyms are looked up; only headers still free after them are compared by similarity, so a wide
 * header costs time in proportion to its width. Yields between steps (see Stepwise).
 */
export function* matchHeadersStepwise(
  headers: string[],
  fields: MappableField[],
  threshold = DEFAULT_MATCH_THRESHOLD,
  /** The headers already normalised, when the caller has them. */
  normalisedHeaders?: string[],
  options: MatchOptions = {},
): Stepwise<ColumnMapping[]> {
  const normalised = normalisedHeaders ?? (yield* normaliseHeadersStepwise(headers));
  const { kinds = [], fixed = new Map<number, string | null>(), subjects } = options;
  const names = fields.map((field) => normaliseHeader(field.name));
  const fieldTerms = fields.map((field) => [field.name, ...(field.synonyms ?? [])].map((term) => headerTokens(term, subjects)));
  const byName = new Map<string, number[]>();
  const bySynonym = new Map<string, number[]>();
  const byCanonicalName = new Map<string, number[]>();
  const byCanonicalSynonym = new Map<string, number[]>();
  fields.forEach((field, fieldIndex) => {
    addTo(byName, names[fieldIndex], fieldIndex);
    const canonicalName = fieldTerms[fieldIndex][0].join(' ');
    addTo(byCanonicalName, canonicalName, fieldIndex);
    (field.synonyms ?? []).forEach((synonym, i) => {
      // A synonym equal to the field's own name is an exact match.
      const literal = normaliseHeader(synonym);
      if (literal !== names[fieldIndex]) addTo(bySynonym, literal, fieldIndex);
      const canonical = fieldTerms[fieldIndex][i + 1].join(' ');
      if (canonical !== canonicalName) addTo(byCanonicalSynonym, canonical, fieldIndex);
    });
  });

  const tokens: string[][] = [];
  for (let i = 0; i < headers.length; i += 1) {
    tokens.push(headerTokens(headers[i], subjects, normalised[i]));
    if (i % STEP === STEP - 1) yield;
  }
  const fieldIndexByName = new Map(fields.map((field, fieldIndex) => [field.name, fieldIndex]));
  const byIndex = new Map<number, Candidate>();
  // By name: fields of the same name would be one field.
  const takenFields = new Set<string>();
  const take = (candidates: Candidate[]) => {
    for (const candidate of candidates) {
      const { name } = fields[candidate.fieldIndex];
      if (byIndex.has(candidate.index) || fixed.has(candidate.index) || takenFields.has(name)) continue;
      byIndex.set(candidate.index, candidate);
      takenFields.add(name);
    }
  };
  for (const [index, field] of fixed) {
    const fieldIndex = field === null ? undefined : fieldIndexByName.get(field);
    if (field === null || fieldIndex === undefined || takenFields.has(field)) continue;
    byIndex.set(index, { index, fieldIndex, score: 100, method: 'override' });
    takenFields.add(field);
  }
  function* lookedUp(index: Map<string, number[]>, keys: string[], method: MatchMethod): Stepwise<Candidate[]> {
    const found: Candidate[] = [];
    for (let i = 0; i < keys.length; i += 1) {
      for (const fieldIndex of (keys[i] !== '' && index.get(keys[i])) || []) found.push({ index: i, fieldIndex, score: 100, method });
      if (i % STEP === STEP - 1) yield;
    }
    return found;
  }
  take(yield* lookedUp(byName, normalised, 'exact'));
  take(yield* lookedUp(bySynonym, normalised, 'synonym'));
  const canonical = tokens.map((t) => t.join(' '));
  take(yield* lookedUp(byCanonicalName, canonical, 'exact'));
  take(yield* lookedUp(byCanonicalSynonym, canonical, 'synonym'));

  // Scores of every field (taken or not) for every column still free: fuzzy and hint choices among the free fields,
  // candidates among all.
  const terms = fieldTerms.map((list) => list.map((t) => new Term(t)));
  // Terms by token: a header's token-set scores need only the terms that share a token with it.
  const byToken = new Map<string, { fieldIndex: number; term: Term }[]>();
  terms.forEach((list, fieldIndex) => {
    for (const term of list) for (const token of term.unique) byToken.set(token, [...(byToken.get(token) ?? []), { fieldIndex, term }]);
  });
  const setBest = new Int16Array(fields.length);
  const floor = Math.min(threshold, CANDIDATE_FLOOR);
  const scored = new Map<number, { fieldIndex: number; score: number }[]>();
  for (let i = 0; i < headers.length; i += 1) {
    if (tokens[i].length === 0 || byIndex.has(i) || fixed.has(i)) continue;
    const header = new Term(tokens[i]);
    setBest.fill(0);
    for (let t = 0; t < header.unique.length; t += 1) {
      for (const { fieldIndex, term } of byToken.get(header.unique[t]) ?? []) {
        const score = header.setScore(term);
        if (score > setBest[fieldIndex]) setBest[fieldIndex] = score;
      }
    }
    const scores: { fieldIndex: number; score: number }[] = [];
    for (let fieldIndex = 0; fieldIndex < fields.length; fieldIndex += 1) {
      if (contradicts(kinds[i] ?? null, fields[fieldIndex].type)) continue;
      const score = fuzzyScore(header, terms[fieldIndex], floor, setBest[fieldIndex]);
      if (score >= 0) scores.push({ fieldIndex, score });
    }
    // Stable: equal scores keep field order.
    if (scores.length > 0)
      scored.set(
        i,
        scores.sort((a, b) => b.score - a.score),
      );
    yield;
  }
  const free = (list: { fieldIndex: number; score: number }[]) => list.filter((s) => !takenFields.has(fields[s.fieldIndex].name));

  const fuzzy: Candidate[] = [];
  for (const [index, scores] of scored) {
    const [best, second] = free(scores);
    if (!best || best.score < threshold) continue;
    if (second && second.score >= threshold && best.score - second.score < AMBIGUITY_MARGIN) continue;
    fuzzy.push({ index, fieldIndex: best.fieldIndex, score: best.score, method: 'fuzzy' });
  }
  // Array sort is stable: equal scores keep header order.
  take(fuzzy.sort((a, b) => b.score - a.score || a.index - b.index));

  const hinted: Candidate[] = [];
  for (let index = 0; index < headers.length; index += 1) {
    const kind = kinds[index] ?? null;
    if (!kind || tokens[index].length === 0 || byIndex.has(index) || fixed.has(index)) continue;
    const favoured = (fieldIndex: number) => favours(kind, fields[fieldIndex].type, fieldTerms[fieldIndex][0]);
    // Numbers are everywhere (ids, counts, years): they only settle a header that resembles two fields alike.
    const least = kind === 'number' ? threshold : CANDIDATE_FLOOR;
    const [best, second] = free(scored.get(index) ?? []).filter((s) => s.score >= least && favoured(s.fieldIndex));
    if (best && (!second || best.score - second.score >= AMBIGUITY_MARGIN)) hinted.push({ index, fieldIndex: best.fieldIndex, score: best.score, method: 'hint' });
    else if (!best && UNMISTAKABLE.has(kind)) {
      // A column of emails (or LinkedIn pages) and one free field for them: nothing else the column could be.
      const open = fields.flatMap((field, fieldIndex) => (!takenFields.has(field.name) && favoured(fieldIndex) ? [fieldIndex] : []));
      if (open.length === 1) hinted.push({ index, fieldIndex: open[0], score: 0, method: 'hint' });
    }
  }
  take(hinted.sort((a, b) => b.score - a.score || a.index - b.index));

  const mapping: ColumnMapping[] = [];
  for (let index = 0; index < headers.length; index += 1) {
    const header = headers[index];
    const chosen = byIndex.get(index);
    if (chosen) mapping.push({ header, index, field: fields[chosen.fieldIndex].name, score: Math.round(chosen.score), method: chosen.method });
    else {
      const column: ColumnMapping = { header, index, field: null, score: 0, method: 'unmapped' };
      const candidates = fixed.has(index) ? [] : (scored.get(index) ?? []).slice(0, CANDIDATES_SHOWN);
      if (candidates.length > 0) column.candidates = candidates.map((c) => ({ field: fields[c.fieldIndex].name, score: Math.round(c.score) }));
      mapping.push(column);
    }
    if (index % STEP === STEP - 1) yield;
  }
  return mapping;
}

export function matchHeaders(headers: string[], fields: MappableField[], threshold = DEFAULT_MATCH_THRESHOLD, options?: MatchOptions): ColumnMapping[] {
  return runToEnd(matchHeadersStepwise(headers, fields, threshold, undefined, options));
}
