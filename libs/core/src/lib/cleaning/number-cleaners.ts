import type { CleaningRule } from './cleaning-rules';
import type { Cleaned } from './text-cleaners';

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const CURRENCY = /[$€£¥₹]|\b(USD|EUR|GBP)\b/gi;
// 1,234,567.89 · 1 234 567.89 · 1'234'567.89 (the grouping must be regular to be read as such)
const GROUPED = /^[+-]?\d{1,3}([,' \u00a0]\d{3})+(\.\d+)?$/;

// The same with a decimal comma, as European exports write numbers: 1.234.567,89 · 1 234,5 · 12,75
const GROUPED_DECIMAL_COMMA = /^[+-]?\d{1,3}([.' \u00a0]\d{3})+(,\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** How a file writes the decimal point of its numbers: `1,234.5` or `1.234,5`. */
export type DecimalMark = '.' | ',';

// Values that can only be read one way: a decimal part that is not a group of three, or both marks in one value.
const ONLY_COMMA = /^[+-]?(\d+,(\d{1,2}|\d{4,})|\d{1,3}(\.\d{3})+,\d+)$/;
const ONLY_POINT = /^[+-]?(\d+\.(\d{1,2}|\d{4,})|\d{1,3}(,\d{3})+\.\d+)$/;

/** The decimal mark a file's numbers show, from the values that can be read only one way; null without evidence. */
export function inferDecimalMark(values: Iterable<string>): DecimalMark | null {
  let comma = 0;
  let point = 0;
  for (const value of values) {
    if (value.length > 64) continue;
    const text = value.replace(CURRENCY, '').replace(/%$/, '').trim();
    if (ONLY_COMMA.test(text)) comma += 1;
    else if (ONLY_POINT.test(text)) point += 1;
  }
  if (comma === point) return null;
  return comma > point ? ',' : '.';
}

/**
 * Numbers as exports write them: thousands separators, currency symbols and a percent sign are dropped; in a file
 * that writes decimal commas (`decimalMark` ','), `1.234,5` is 1234.5.
 */
export function cleanNumber(raw: string, integer: boolean, decimalMark: DecimalMark = '.'): Cleaned<number> {
  const trimmed = raw.trim();
  const applied: CleaningRule[] = trimmed !== raw ? ['whitespace'] : [];
  let text = trimmed;
  if (decimalMark === ',') {
    const stripped = text.replace(CURRENCY, '').replace(/%$/, '').trim();
    if (GROUPED_DECIMAL_COMMA.test(stripped) || DECIMAL_COMMA.test(stripped)) {
      applied.push('number_format');
      text = stripped.replace(/[.' \u00a0]/g, '').replace(',', '.');
    }
  }
  if (!PLAIN.test(text)) {
    const stripped = text.replace(CURRENCY, '').replace(/%$/, '').trim();
    const ungrouped = GROUPED.test(stripped) ? stripped.replace(/[,' \u00a0]/g, '') : stripped;
    if (PLAIN.test(ungrouped)) {
      applied.push('number_format');
      text = ungrouped;
    }
  }
  if (!PLAIN.test(text)) return { ok: false, reason: 'is not a number' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'is out of range' };
  if (integer && !Number.isInteger(value)) return { ok: false, reason: 'is not a whole number' };
  return { ok: true, value, applied };
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

export function cleanBoolean(raw: string): Cleaned<boolean> {
  const text = raw.trim().toLowerCase();
  if (TRUE.has(text)) return { ok: true, value: true, applied: text === 'true' ? [] : ['boolean_format'] };
  if (FALSE.has(text)) return { ok: true, value: false, applied: text === 'false' ? [] : ['boolean_format'] };
  return { ok: false, reason: 'is not true or false' };
}
