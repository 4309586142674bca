import { ratio, token_sort_ratio } from 'fuzzball';
import fc from 'fast-check';

import { listDatasets } from '../datasets/dataset-registry';
import { peopleDataset } from '../datasets/presets/people.dataset';
import type { ColumnMapping, MappableField, MatchMethod } from './header-matcher';
import { DEFAULT_MATCH_THRESHOLD, matchHeaders } from './header-matcher';
import { normaliseHeader } from './normalise-header';

/** The matcher as it was before it was made linear: every header against every field and synonym. The oracle. */
function everyPairMatch(headers: string[], fields: MappableField[], threshold = DEFAULT_MATCH_THRESHOLD): ColumnMapping[] {
  const rank: Record<MatchMethod, number> = { exact: 0, synonym: 1, fuzzy: 2 };
  const candidates: { index: number; field: string; score: number; method: MatchMethod }[] = [];
  headers.map(normaliseHeader).forEach((header, index) => {
    if (header === '') return;
    for (const field of fields) {
      const name = normaliseHeader(field.name);
      const synonyms = (field.synonyms ?? []).map(normaliseHeader);
      let candidate: { score: number; method: MatchMethod };
      if (header === name) candidate = { score: 100, method: 'exact' };
      else if (synonyms.includes(header)) candidate = { score: 100, method: 'synonym' };
      else candidate = { score: Math.max(...[name, ...synonyms].map((t) => Math.max(ratio(header, t), token_sort_ratio(header, t)))), method: 'fuzzy' };
      if (candidate.score >= threshold) candidates.push({ index, field: field.name, ...candidate });
    }
  });
  candidates.sort((a, b) => rank[a.method] - rank[b.method] || b.score - a.score || a.index - b.index);
  const byIndex = new Map<number, (typeof candidates)[number]>();
  const taken = new Set<string>();
  for (const c of candidates) {
    if (byIndex.has(c.index) || taken.has(c.field)) continue;
    byIndex.set(c.index, c);
    taken.add(c.field);
  }
  return headers.map((header, index) => {
    const chosen = byIndex.get(index);
    return chosen ? { header, index, field: chosen.field, score: chosen.score, method: chosen.method } : { header, index, field: null, score: 0, method: 'unmapped' };
  });
}

describe('matchHeaders on wide and varied headers', () => {
  const datasets = listDatasets();
  const vocabulary = [...new Set(datasets.flatMap((d) => d.fields.flatMap((f) => [f.name, ...(f.synonyms ?? [])])))];

  it('maps exactly as comparing every header with every field did, for headers drawn from the presets and their misspellings', () => {
    const mangle = fc.tuple(fc.constantFrom(...vocabulary), fc.nat(4), fc.nat(20)).map(([term, how, at]) => {
      const i = at % (term.length + 1);
      return [term, term.toUpperCase(), term.slice(0, i) + term.slice(i + 1), term.slice(0, i) + 'x' + term.slice(i), term.split(/[ _]/).reverse().join(' ')][how];
    });
    const header = fc.array(fc.oneof(mangle, fc.stringMatching(/^[A-Za-z_ -]{0,12}$/)), { maxLength: 14 });
    fc.assert(
      fc.property(header, fc.constantFrom(...datasets), fc.constantFrom(50, 70, 85, 95), (headers, dataset, threshold) => {
        expect(matchHeaders(headers, dataset.fields, threshold)).toEqual(everyPairMatch(headers, dataset.fields, threshold));
      }),
      { numRuns: 400 },
    );
  });

  it('maps 20,000 columns against the widest preset in well under a second, and 200,000 in proportion', () => {
    const headers = Array.from({ length: 20_000 }, (_, i) => `col_${i}`);
    headers[7] = 'E-mail';
    headers[19_000] = 'Company Website';
    let started = performance.now();
    const mapping = matchHeaders(headers, peopleDataset.fields);
    const wide = performance.now() - started;
    expect(mapping.filter((m) => m.field).map((m) => [m.index, m.field])).toEqual([
      [7, 'email'],
      [19_000, 'company_domain'],
    ]);
    // Comparing every pair took about 9 s here.
    expect(wide).toBeLessThan(1500);

    // Ten times the columns, about ten times the time: the bound is loose (a loaded CI machine and the garbage
    // collector stretch the larger run) yet far below what comparing every pair, a hundred times the time, costs.
    const huge = Array.from({ length: 200_000 }, (_, i) => `col_${i}`);
    started = performance.now();
    matchHeaders(huge, peopleDataset.fields);
    expect(performance.now() - started).toBeLessThan(Math.max(40 * wide, 10_000));
  });

  it('stays fast when many wide headers look like the fields', () => {
    const headers = Array.from({ length: 20_000 }, (_, i) => `email ${i}`);
    const started = performance.now();
    const mapping = matchHeaders(headers, peopleDataset.fields, 60);
    expect(mapping.filter((m) => m.field).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
