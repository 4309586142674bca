import type { FieldType } from '@sluice/contracts';

/**
 * A value as records are matched on it: lower case, accents dropped, every run of anything but
 * letters and digits one space, trimmed; NULL when nothing is left. Letters of any script count, so
 * "李明" matches "李明" but not "王芳" (an ASCII-only rule left both empty, and so equal).
 */
export const normalisedText = (expression: string) => `nullif(trim(regexp_replace(strip_accents(lower(${expression})), '[^\\p{L}\\p{N}]+', ' ', 'g')), '')`;

// Emails, domains and web addresses were cleaned when staged (trimmed, host lower-cased): they match
// as written, only their case aside. Punctuation matters there (jane.doe@ is not janedoe@), and
// skipping the regular expression halves what normalising a people file costs.
const AS_WRITTEN: ReadonlySet<FieldType> = new Set(['email', 'domain', 'url']);

/** How a field's values are normalised for matching, by its type (text when unknown). */
export function normalisedValue(type: FieldType | undefined): (expression: string) => string {
  return type && AS_WRITTEN.has(type) ? (expression) => `nullif(lower(trim(${expression})), '')` : normalisedText;
}
