export type FieldType = 'string' | 'email' | 'domain' | 'url' | 'int' | 'decimal' | 'date' | 'datetime' | 'bool';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required: boolean;
  /** Other header spellings that mean this field (matched after normalising case and punctuation). */
  synonyms?: string[];
  /** Case to normalise text to; `title` keeps names sensible (McDonald, O'Brien). */
  case?: 'title' | 'lower' | 'upper';
  /** For a domain field left empty: fields (emails or URLs) to take the domain from, first found wins. */
  deriveDomainFrom?: string[];
}

export interface DatasetDefinition {
  name: string;
  label: string;
  fields: FieldDefinition[];
  /** Lowest similarity (0–100) at which a header maps to a field; 85 when absent. */
  matchThreshold?: number;
  /** Order of ambiguous slashed dates (03/04/2024) when a file gives no evidence; MDY when absent. */
  defaultDateOrder?: 'DMY' | 'MDY';
}
