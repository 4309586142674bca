/**
 * A header reduced to lower-case words: camelCase and digit boundaries split, punctuation,
 * underscores and dashes become spaces, accents folded. "E-mail_Address" → "e mail address",
 * "firstName" → "first name", "DateSent2" → "date sent 2".
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
