import { normaliseHeader } from './normalise-header';

export interface HeaderRename {
  /** Index of the column in the file. */
  index: number;
  /** The header as written. */
  from: string;
  /** The header it goes by: `from` (trimmed) with the lowest `_2`, `_3`… suffix no other header of the row takes. */
  to: string;
}

/**
 * Gives every header of a row a name no other header shares (compared as normaliseHeader reads them, so "Name" and
 * "name " are one name): the first keeps its own, the later ones become `name_2`, `name_3`… Empty headers stay empty.
 */
export function disambiguateHeaders(header: string[]): { header: string[]; renamed: HeaderRename[] } {
  const keys = header.map(normaliseHeader);
  const used = new Set(keys.filter((key) => key !== ''));
  const seen = new Set<string>();
  // The next suffix to try per name, so that many copies of one name cost time in proportion to their number.
  const nextSuffix = new Map<string, number>();
  const renamed: HeaderRename[] = [];
  const result = header.map((name, index) => {
    const key = keys[index];
    if (key === '' || !seen.has(key)) {
      seen.add(key);
      return name;
    }
    const base = name.trim();
    let suffix = nextSuffix.get(key) ?? 2;
    while (used.has(normaliseHeader(`${base}_${suffix}`))) suffix += 1;
    nextSuffix.set(key, suffix + 1);
    const to = `${base}_${suffix}`;
    used.add(normaliseHeader(to));
    renamed.push({ index, from: name, to });
    return to;
  });
  return { header: result, renamed };
}
