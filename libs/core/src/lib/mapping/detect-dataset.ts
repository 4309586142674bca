import type { DatasetDefinition } from '@sluice/contracts';

import type { Stepwise } from '../work/stepwise';
import { runToEnd } from '../work/stepwise';
import { DEFAULT_MATCH_THRESHOLD, matchHeadersStepwise } from './header-matcher';
import { subjectsOf } from './header-tokens';

export interface DatasetGuess {
  dataset: string;
  /** Share of the dataset's fields the headers map to, 0–1. */
  coverage: number;
}

/**
 * Which of `candidates` a header row belongs to: among datasets whose required fields all map (and at
 * least one field), the one
 * whose fields the headers cover best (ties: more mapped headers). Null when no candidate fits. Yields between steps.
 */
export function* detectDatasetStepwise(headers: string[], candidates: DatasetDefinition[]): Stepwise<DatasetGuess | null> {
  let best: (DatasetGuess & { mapped: number }) | null = null;
  for (const dataset of candidates) {
    const mapping = yield* matchHeadersStepwise(headers, dataset.fields, dataset.matchThreshold ?? DEFAULT_MATCH_THRESHOLD, undefined, { subjects: subjectsOf(dataset.name) });
    const mapped = new Set(mapping.flatMap((m) => (m.field ? [m.field] : [])));
    // A dataset without required fields would fit anything: at least one header must map.
    if (mapped.size === 0 || !dataset.fields.every((f) => !f.required || mapped.has(f.name))) continue;
    const coverage = mapped.size / dataset.fields.length;
    if (!best || coverage > best.coverage || (coverage === best.coverage && mapped.size > best.mapped)) best = { dataset: dataset.name, coverage, mapped: mapped.size };
  }
  return best && { dataset: best.dataset, coverage: best.coverage };
}

export function detectDataset(headers: string[], candidates: DatasetDefinition[]): DatasetGuess | null {
  return runToEnd(detectDatasetStepwise(headers, candidates));
}
