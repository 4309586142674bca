export type FieldType = 'string' | 'decimal' | 'datetime';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required: boolean;
  /** Other header spellings that mean this field (matched after normalising case and punctuation). */
  synonyms?: string[];
}

export interface DatasetDefinition {
  name: string;
  label: string;
  fields: FieldDefinition[];
  /** Lowest similarity (0–100) at which a header maps to a field; 85 when absent. */
  matchThreshold?: number;
}
