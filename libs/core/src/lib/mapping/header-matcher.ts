import type { ColumnMappingView } from '@sluice/contracts';
import { ratio, token_sort_ratio } from 'fuzzball';

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
  field: string;
  score: number;
  method: MatchMethod;
}

const METHOD_RANK: Record<MatchMethod, number> = { exact: 0, synonym: 1, fuzzy: 2 };

function bestCandidate(header: string, field: MappableField): Omit<Candidate, 'index'> {
  const name = normaliseHeader(field.name);
  if (header === name) return { field: field.name, score: 100, method: 'exact' };
  const synonyms = (field.synonyms ?? []).map(normaliseHeader);
  if (synonyms.includes(header)) return { field: field.name, score: 100, method: 'synonym' };
  // Edit distance catches typos and joined words; token sort catches reordered words.
  const score = Math.max(...[name, ...synonyms].map((term) => Math.max(ratio(header, term), token_sort_ratio(header, term))));
  return { field: field.name, score, method: 'fuzzy' };
}

/**
 * Maps each header to at most one field, and each field to at most one header: exact names first,
 * then synonyms, then the best fuzzy scores at or above the threshold.
 */
export function matchHeaders(headers: string[], fields: MappableField[], threshold = DEFAULT_MATCH_THRESHOLD): ColumnMapping[] {
  const normalised = headers.map(normaliseHeader);
  const candidates: Candidate[] = [];
  normalised.forEach((header, index) => {
    if (header === '') return;
    for (const field of fields) {
      const candidate = bestCandidate(header, field);
      if (candidate.score >= threshold) candidates.push({ index, ...candidate });
    }
  });
  candidates.sort((a, b) => METHOD_RANK[a.method] - METHOD_RANK[b.method] || b.score - a.score || a.index - b.index);

  const byIndex = new Map<number, Candidate>();
  const takenFields = new Set<string>();
  for (const candidate of candidates) {
    if (byIndex.has(candidate.index) || takenFields.has(candidate.field)) continue;
    byIndex.set(candidate.index, candidate);
    takenFields.add(candidate.field);
  }
  return headers.map((header, index) => {
    const chosen = byIndex.get(index);
    return chosen
      ? { header, index, field: chosen.field, score: Math.round(chosen.score), method: chosen.method }
      : { header, index, field: null, score: 0, method: 'unmapped' };
  });
}
