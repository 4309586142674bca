/**
 * Whether a cell looks like a value of a known kind — the type half of CleverCSV's data-consistency measure: a sample
 * read with the right dialect gives cells that are numbers, dates, emails, URLs, empty or ordinary words; read with a
 * wrong one, cells hold the real delimiter, stray quotes or glued-together values.
 */

const NUMBER = /^[-+]?(?:\d+|\d{1,3}(?:[,.\u00a0\u202f ']\d{3})+)?(?:[.,]\d+)?(?:[eE][-+]?\d+)?$/;
const CURRENCY_OR_PERCENT = /^[-+]?(?:[$€£¥₹]|[A-Z]{3}\s)?\s*|\s*(?:[$€£¥₹%‰]|\s[A-Z]{3}|[kKmM])$/g;
const TIME = '\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?\\s*(?:[AaPp]\\.?[Mm]\\.?)?(?:\\s*(?:Z|UTC|[+-]\\d{2}:?\\d{2}))?';
const DATE_ISO = new RegExp(`^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?:[T ]${TIME})?$`);
const DATE_DMY = new RegExp(`^\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}(?:[T ]${TIME})?$`);
const MONTHS = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|mär|okt|dez)[a-zéû]*\\.?';
const DATE_NAMED = new RegExp(`^(?:\\d{1,2}[ -]${MONTHS}[ -]\\d{2,4}|${MONTHS} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|${MONTHS} \\d{4})(?:[ T]${TIME})?$`, 'i');
const TIME_ONLY = new RegExp(`^${TIME}$`);
const EMAIL = /^[^\s@,;|\t"'<>]+@[^\s@,;|\t"'<>]+\.[A-Za-z]{2,}$/;
const URL = /^(?:https?:\/\/|www\.)[^\s"',;|\t]+$/i;
const PHONE = /^\+?\(?\d[\d ().\-/]{5,}\d$/;
/** Ordinary text: letters, digits, spaces and common punctuation; a comma only before a space ("Paris, France"). */
const TEXT = /^(?:[\p{L}\p{N}\p{M}\p{Sc} _\-.'&()/#+:@!?%*[\]~=<>°№§]|, )+$/u;

/**
 * Whether `cell` (as read, untrimmed) is of a known kind. `apostropheQuotes` when `'` is the dialect's quote: then a bare
 * one is a stray quote; otherwise a cell wrapped in `'…'` is a quoted value read raw, not text.
 */
export function isKnownCell(cell: string, apostropheQuotes: boolean): boolean {
  const value = cell.trim();
  if (value === '') return true;
  if (value.includes('"')) return false;
  if (apostropheQuotes ? value.includes("'") : value.length > 1 && value.startsWith("'") && value.endsWith("'")) return false;
  const c = value.charCodeAt(0);
  const digitish = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 40 || c > 127 || c === 36;
  if (digitish) {
    const bare = value.replace(CURRENCY_OR_PERCENT, '').replace(/^\((.*)\)$/, '$1');
    if (/\d/.test(bare) && NUMBER.test(bare)) return true;
    if (DATE_ISO.test(value) || DATE_DMY.test(value) || TIME_ONLY.test(value) || PHONE.test(value)) return true;
  }
  if (DATE_NAMED.test(value) || EMAIL.test(value) || URL.test(value)) return true;
  return TEXT.test(value);
}

/** Whether `cell` reads as a number, a date or a time (a header cell should not). */
export function isNumericCell(cell: string): boolean {
  const value = cell.trim();
  if (value === '') return false;
  const bare = value.replace(CURRENCY_OR_PERCENT, '').replace(/^\((.*)\)$/, '$1');
  if (/\d/.test(bare) && NUMBER.test(bare)) return true;
  return DATE_ISO.test(value) || DATE_DMY.test(value) || TIME_ONLY.test(value) || DATE_NAMED.test(value);
}

/** A value no header names itself by: an email address or a URL. */
export function isDataValueCell(cell: string): boolean {
  return EMAIL.test(cell) || URL.test(cell);
}
