import type { ColumnMappingView } from '@sluice/contracts';
import { ratio, token_sort_ratio } from 'fuzzball';

import type { Stepwise } from '../work/stepwise';
import { runToEnd } from '../work/stepwise';
import { normaliseHeader } from './normalise-header';

export interface MappableField {
  name: string;
  synonyms?: string[];
}

export type MatchMethod = 'exact' | 'synonym' | 'fuzzy';

export type ColumnMapping = ColumnMappingView;

export const DEFAULT_MATCH_THRESHOLD = 85;

interface Candidate {
  index: number;
  /** Position of the field in the dataset: ties go to the earlier field. */
  fieldIndex: number;
  score: number;
  method: MatchMethod;
}

/** Headers handled in one step (between two chances to give the event loop a turn). */
const STEP = 512;

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

/** Edit distance catches typos and joined words; token sort catches reordered words. */
function fuzzyScore(header: CharCounts, terms: CharCounts[], threshold: number): number {
  // A score rounds to the threshold or more from here up; the margin keeps float rounding on the safe side.
  const reachable = Math.ceil(threshold) - 0.5 - 1e-6;
  let best = -1;
  for (let i = 0; i < terms.length; i += 1) {
    // A term that cannot reach the threshold cannot change whether the field is a candidate, nor its best score.
    if (header.scoreBound(terms[i]) < reachable) continue;
    best = Math.max(best, ratio(header.text, terms[i].text), token_sort_ratio(header.text, terms[i].text));
  }
  return best;
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
 * Maps each header to at most one field, and each field to at most one header: exact names first,
 * then synonyms, then the best fuzzy scores at or above the threshold. Exact names and synonyms are looked up;
 * only headers and fields still free after them are compared by similarity, so a wide header costs time in
 * proportion to its width. Yields between steps (see Stepwise).
 */
export function* matchHeadersStepwise(
  headers: string[],
  fields: MappableField[],
  threshold = DEFAULT_MATCH_THRESHOLD,
  /** The headers already normalised, when the caller has them. */
  normalisedHeaders?: string[],
): Stepwise<ColumnMapping[]> {
  const normalised = normalisedHeaders ?? (yield* normaliseHeadersStepwise(headers));
  const names = fields.map((field) => normaliseHeader(field.name));
  const byName = new Map<string, number[]>();
  const bySynonym = new Map<string, number[]>();
  fields.forEach((field, fieldIndex) => {
    addTo(byName, names[fieldIndex], fieldIndex);
    for (const synonym of (field.synonyms ?? []).map(normaliseHeader)) {
      // A synonym equal to the field's own name is an exact match.
      if (synonym !== names[fieldIndex]) addTo(bySynonym, synonym, fieldIndex);
    }
  });

  const byIndex = new Map<number, Candidate>();
  // By name: fields of the same name would be one field.
  const takenFields = new Set<string>();
  const take = (candidates: Candidate[]) => {
    for (const candidate of candidates) {
      const { name } = fields[candidate.fieldIndex];
      if (byIndex.has(candidate.index) || takenFields.has(name)) continue;
      byIndex.set(candidate.index, candidate);
      takenFields.add(name);
    }
  };
  function* lookedUp(index: Map<string, number[]>, method: MatchMethod): Stepwise<Candidate[]> {
    const found: Candidate[] = [];
    for (let i = 0; i < normalised.length; i += 1) {
      for (const fieldIndex of (normalised[i] !== '' && index.get(normalised[i])) || []) found.push({ index: i, fieldIndex, score: 100, method });
      if (i % STEP === STEP - 1) yield;
    }
    return found;
  }
  take(yield* lookedUp(byName, 'exact'));
  take(yield* lookedUp(bySynonym, 'synonym'));

  const free = fields.flatMap((field, fieldIndex) => {
    if (takenFields.has(field.name)) return [];
    const terms = [names[fieldIndex], ...(field.synonyms ?? []).map(normaliseHeader)].map((text) => new CharCounts(text));
    return [{ fieldIndex, terms }];
  });
  const fuzzy: Candidate[] = [];
  if (free.length > 0) {
    for (let i = 0; i < normalised.length; i += 1) {
      if (normalised[i] === '' || byIndex.has(i)) continue;
      const header = new CharCounts(normalised[i]);
      for (const { fieldIndex, terms } of free) {
        const score = fuzzyScore(header, terms, threshold);
        if (score >= threshold) fuzzy.push({ index: i, fieldIndex, score, method: 'fuzzy' });
      }
      yield;
    }
  }
  // Array sort is stable: equal scores keep header order, then field order.
  take(fuzzy.sort((a, b) => b.score - a.score || a.index - b.index));

  const mapping: ColumnMapping[] = [];
  for (let index = 0; index < headers.length; index += 1) {
    const header = headers[index];
    const chosen = byIndex.get(index);
    mapping.push(
      chosen
        ? { header, index, field: fields[chosen.fieldIndex].name, score: Math.round(chosen.score), method: chosen.method }
        : { header, index, field: null, score: 0, method: 'unmapped' },
    );
    if (index % STEP === STEP - 1) yield;
  }
  return mapping;
}

export function matchHeaders(headers: string[], fields: MappableField[], threshold = DEFAULT_MATCH_THRESHOLD): ColumnMapping[] {
  return runToEnd(matchHeadersStepwise(headers, fields, threshold));
}
