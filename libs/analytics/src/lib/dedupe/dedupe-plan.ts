import type { DedupeConfig, ProbabilisticDedupe } from '@sluice/contracts';

/** A confirmed fuzzy match, its confirming fields settled. */
export interface FuzzyPlan {
  field: string;
  blockBy?: string;
  /** 0–1. */
  threshold: number;
  /** At least one must agree exactly (normalised, both filled) for similar names to link. */
  confirmBy: string[];
}

/** What linking the records of a job reads and does, from the dataset's DedupeConfig. */
export interface DedupePlan {
  /** Rules mode's key alternatives; none in probabilistic mode, where the model decides. */
  keys: string[][];
  fuzzy: FuzzyPlan | null;
  probabilistic: { settings: ProbabilisticDedupe; fields: string[] } | null;
  strongIdentifiers: string[];
  /** Every field linking and flagging read, in the order of the narrow `keyed` table's cells. */
  fields: string[];
  /** Whether keyed holds them normalised (rules mode, which compares normalised values only) or as staged (the probabilistic scorer's own comparisons). */
  normalised: boolean;
}

const unique = (names: string[]) => [...new Set(names)];

/**
 * The fields that confirm a fuzzy match when the dataset names none: the other fields of its key
 * alternatives, never the compared name nor the block (agreeing on those is what made the pair a candidate).
 */
export function confirmingFields(dedupe: DedupeConfig): string[] {
  const fuzzy = dedupe.fuzzy;
  if (!fuzzy) return [];
  if (fuzzy.confirmBy) return unique(fuzzy.confirmBy);
  return unique(dedupe.keys.flat()).filter((field) => field !== fuzzy.field && field !== fuzzy.blockBy);
}

export function dedupePlanOf(dedupe: DedupeConfig): DedupePlan {
  const strongIdentifiers = unique(dedupe.strongIdentifiers ?? []);
  if (dedupe.mode === 'probabilistic') {
    const settings = dedupe.probabilistic;
    // The dataset schema requires the settings in this mode; a definition without them links nothing.
    const fields = settings ? unique([...settings.comparisons.map((c) => c.field), ...settings.blocking.flat()]) : [];
    return {
      keys: [],
      fuzzy: null,
      probabilistic: settings ? { settings, fields } : null,
      strongIdentifiers,
      fields: unique([...fields, ...strongIdentifiers]),
      normalised: false,
    };
  }
  const fuzzy: FuzzyPlan | null = dedupe.fuzzy
    ? { field: dedupe.fuzzy.field, blockBy: dedupe.fuzzy.blockBy, threshold: dedupe.fuzzy.threshold / 100, confirmBy: confirmingFields(dedupe) }
    : null;
  const fuzzyFields = fuzzy ? [fuzzy.field, ...(fuzzy.blockBy ? [fuzzy.blockBy] : []), ...fuzzy.confirmBy] : [];
  return { keys: dedupe.keys, fuzzy, probabilistic: null, strongIdentifiers, fields: unique([...dedupe.keys.flat(), ...fuzzyFields, ...strongIdentifiers]), normalised: true };
}
