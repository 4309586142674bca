import type { LetterCase } from '../datasets/dataset-definition';
import type { CleaningRule } from './cleaning-rules';

export type Cleaned<T> = { ok: true; value: T; applied: CleaningRule[] } | { ok: false; reason: string };

export function collapseWhitespace(raw: string): { value: string; changed: boolean } {
  const value = raw.replace(/\s+/g, ' ').trim();
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

export function cleanString(raw: string, letterCase: LetterCase | undefined): Cleaned<string> {
  const spaced = collapseWhitespace(raw);
  const applied: CleaningRule[] = spaced.changed ? ['whitespace'] : [];
  let value = spaced.value;
  if (letterCase) {
    const cased = letterCase === 'title' ? titleCaseName(value) : letterCase === 'lower' ? value.toLowerCase() : value.toUpperCase();
    if (cased !== value) applied.push('case');
    value = cased;
  }
  return { ok: true, value, applied };
}
