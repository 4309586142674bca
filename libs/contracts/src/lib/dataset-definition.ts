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

/** How records of one job that describe the same thing are found and merged into one. */
export interface DedupeConfig {
  /** Key alternatives in order: a record is grouped by the first one whose fields are all filled. */
  keys: string[][];
  /** Which record wins a conflict: the first seen, the one from the latest file, or the most complete. */
  policy: MergePolicy;
  /** Also join groups whose `field` values are this similar (0–100), among groups sharing `blockBy` (or, without it, the name's first three letters). */
  fuzzy?: { field: string; blockBy?: string; threshold: number };
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
