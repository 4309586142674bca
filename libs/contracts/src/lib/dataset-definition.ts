import type { FileReadingOptions } from './file-reading';
import type { MetricsConfig } from './metrics';

export const FIELD_TYPES = ['string', 'email', 'domain', 'url', 'int', 'decimal', 'date', 'datetime', 'bool'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Cases text can be normalised to; `title` keeps names sensible (McDonald, O'Brien). */
export const LETTER_CASES = ['title', 'lower', 'upper'] as const;
export type LetterCase = (typeof LETTER_CASES)[number];

/** What text cleaning does with line breaks inside a cell. */
export const LINE_BREAKS = ['keep', 'join'] as const;
export type LineBreaks = (typeof LINE_BREAKS)[number];

/** Orders of the day and month in an ambiguous slashed date (03/04/2024). */
export const DATE_ORDERS = ['DMY', 'MDY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required: boolean;
  /** Other header spellings that mean this field (matched after normalising case and punctuation). */
  synonyms?: string[];
  /** Case to normalise text to. */
  case?: LetterCase;
  /** For a domain field left empty: fields (emails or URLs) to take the domain from, first found wins. */
  deriveDomainFrom?: string[];
  /** A text field's line breaks: kept (the default: notes, addresses), or joined into one line with spaces. */
  lineBreaks?: LineBreaks;
}

export const MERGE_POLICIES = ['first', 'most_recent', 'most_complete'] as const;
export type MergePolicy = (typeof MERGE_POLICIES)[number];

export const DEDUPE_MODES = ['rules', 'probabilistic'] as const;
/** Rules: records match when any key alternative agrees. Probabilistic: Fellegi–Sunter scores over compared fields. */
export type DedupeMode = (typeof DEDUPE_MODES)[number];

/** Rules mode: also join records whose `field` values are this similar, when other evidence agrees. */
export interface FuzzyMatch {
  field: string;
  /** Only records sharing this field's value are compared (without it, the name's first three letters). */
  blockBy?: string;
  /** Lowest similarity (0–100, Jaro–Winkler) that counts as the same name. */
  threshold: number;
  /**
   * Identifying fields of which at least one must also agree (exactly, after normalising) for a fuzzy
   * match to count; the other fields of the dataset's key alternatives when absent. A similar name
   * and a shared `blockBy` value alone never merge two records.
   */
  confirmBy?: string[];
}

export const COMPARISON_KINDS = ['exact', 'name', 'text', 'date', 'number'] as const;
/**
 * How a field is compared in probabilistic mode, each into levels from "agree" to "disagree" plus null:
 * exact (equal or not), name (equal, Jaro–Winkler ≥ 0.92 / ≥ 0.88 / ≥ 0.7), text (equal, Damerau–Levenshtein ≤ 1 / ≤ 2),
 * date (equal, one transposed or mistyped digit, within 30 days / 1 year), number (equal, within 1 % / 10 %).
 */
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

export interface FieldComparison {
  field: string;
  kind: ComparisonKind;
  /** Weigh exact agreement on this field by how common its value is (agreeing on "smith" proves less than on "zyskowski"). */
  termFrequency?: boolean;
}

/** Probabilistic mode's settings, in the Fellegi–Sunter tradition: m and u estimated without labels. */
export interface ProbabilisticDedupe {
  /** Candidate pairs are records that agree exactly on every field of at least one rule (normalised). */
  blocking: string[][];
  comparisons: FieldComparison[];
  /** Lowest match probability (0–1) at which a pair is merged; 0.95 when absent. */
  threshold?: number;
}

/** How records of one job that describe the same thing are found and merged into one. */
export interface DedupeConfig {
  /** `rules` when absent. */
  mode?: DedupeMode;
  /** Rules mode's key alternatives: two records match when all fields of any one alternative agree (after normalising). Groups are transitive. */
  keys: string[][];
  /** Which record wins a conflict: the first seen, the one from the latest file, or the most complete. */
  policy: MergePolicy;
  fuzzy?: FuzzyMatch;
  /** Fields that identify a record on their own (an SSN, a customer id): a group whose members hold different values is flagged for review. */
  strongIdentifiers?: string[];
  /** Required when `mode` is `probabilistic`. */
  probabilistic?: ProbabilisticDedupe;
}

export interface DatasetDefinition {
  name: string;
  label: string;
  fields: FieldDefinition[];
  /** Lowest similarity (0–100) at which a header maps to a field; 85 when absent. */
  matchThreshold?: number;
  /** Order of ambiguous slashed dates (03/04/2024) when a file gives no evidence; MDY when absent. */
  defaultDateOrder?: DateOrder;
  /** Keep columns that match no field, under their original header (true), or drop them (default). */
  keepUnmapped?: boolean;
  /** De-duplication across every file of a job; absent for datasets whose rows are events. */
  dedupe?: DedupeConfig;
  /** Daily metrics recorded after every job of this dataset, for period comparisons. */
  metrics?: MetricsConfig;
  /** How this dataset's files are read when an upload does not say (encoding, delimiter, …); detected when absent. */
  reading?: Omit<FileReadingOptions, 'columnFields' | 'headerLine'>;
}
