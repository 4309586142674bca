import type { LetterCase, LineBreaks } from '../datasets/dataset-definition';
import type { CleaningRule } from './cleaning-rules';

export type Cleaned<T> = { ok: true; value: T; applied: CleaningRule[] } | { ok: false; reason: string };

/** Any whitespace run, line breaks included, as one space; ends trimmed. */
export function collapseWhitespace(raw: string): { value: string; changed: boolean } {
  const value = raw.replace(/\s+/g, ' ').trim();
  return { value, changed: value !== raw };
}

// Horizontal whitespace: every \s but the line breaks (\n, \r, and the Unicode line and paragraph separators).
const SPACES = /[^\S\n\r\u2028\u2029]+/g;
const LINE_BREAK = /\r\n|[\r\u2028\u2029]/g;

/**
 * Runs of spaces and tabs as one space, each line and the whole value trimmed, but line breaks kept (as \n):
 * notes and addresses keep their lines. Blank lines inside the value are kept as one.
 */
export function tidyWhitespace(raw: string): { value: string; changed: boolean } {
  // Most values have no whitespace worth touching: leave them without building new strings.
  if (!/\s\s|^\s|\s$|[\t\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(raw)) return { value: raw, changed: false };
  const value = raw
    .replace(LINE_BREAK, '\n')
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { value, changed: value !== raw };
}

const LOWER_PARTICLES = new Set(['de', 'da', 'del', 'della', 'der', 'di', 'du', 'la', 'le', 'van', 'von', 'y']);

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Title case that keeps names sensible: McDonald, O'Brien, Smith-Jones, van der Berg. */
export function titleCaseName(value: string): string {
  return value
    .toLowerCase()
    .split(' ')
    .map((word, position) => {
      if (position > 0 && LOWER_PARTICLES.has(word)) return word;
      return word
        .split('-')
        .map((part) =>
          capitalise(part)
            .replace(/^(Mc)(\p{L})/u, (_, prefix: string, next: string) => prefix + next.toUpperCase())
            .replace(/^([OD]')(\p{L})/u, (_, prefix: string, next: string) => prefix + next.toUpperCase()),
        )
        .join('-');
    })
    .join(' ');
}

export function cleanString(raw: string, letterCase: LetterCase | undefined, lineBreaks: LineBreaks = 'keep'): Cleaned<string> {
  const spaced = lineBreaks === 'join' ? collapseWhitespace(raw) : tidyWhitespace(raw);
  const applied: CleaningRule[] = spaced.changed ? ['whitespace'] : [];
  let value = spaced.value;
  if (letterCase) {
    const cased = letterCase === 'title' ? titleCaseName(value) : letterCase === 'lower' ? value.toLowerCase() : value.toUpperCase();
    if (cased !== value) applied.push('case');
    value = cased;
  }
  return { ok: true, value, applied };
}
