import type { CleaningRule } from './cleaning-rules';
import type { Cleaned } from './text-cleaners';

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const CURRENCY = /[$€£¥₹]|\b(USD|EUR|GBP)\b/gi;
// 1,234,567.89 · 1 234 567.89 · 1'234'567.89 (the grouping must be regular to be read as such)
const GROUPED = /^[+-]?\d{1,3}([,' \u00a0]\d{3})+(\.\d+)?$/;

/** Numbers as exports write them: thousands separators, currency symbols and a percent sign are dropped. */
export function cleanNumber(raw: string, integer: boolean): Cleaned<number> {
  const trimmed = raw.trim();
  const applied: CleaningRule[] = trimmed !== raw ? ['whitespace'] : [];
  let text = trimmed;
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
