import type { DateOrder } from '../datasets/dataset-definition';
import type { Cleaned } from './text-cleaners';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
// Excel's day 1 is 1900-01-01 with the 1900 leap-year bug, so serial 25569 is 1970-01-01.
const EXCEL_EPOCH_SERIAL = 25569;
const EXCEL_SERIAL = /^\d{5}(\.\d+)?$/;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.toISOString().slice(0, 10) : null;
}

/**
 * Which order a file writes its slashed dates in, from the values themselves: a first part above 12
 * can only be a day, a second part above 12 only a day. Null when the values say both (a broken
 * column) or nothing (every date ambiguous).
 */
export function inferDateOrder(samples: Iterable<string>): DateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const sample of samples) {
    const match = SLASHED.exec(sample.trim());
    if (!match) continue;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (dayFirst === monthFirst) return null;
  return dayFirst ? 'DMY' : 'MDY';
}

/** A calendar date as YYYY-MM-DD from ISO, D/M/Y or M/D/Y (per `order`), or an Excel serial number. */
export function cleanDate(raw: string, order: DateOrder): Cleaned<string> {
  const text = raw.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const value = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return value ? { ok: true, value, applied: text !== raw ? ['whitespace'] : [] } : { ok: false, reason: 'is not a valid date' };
  }
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [first, second] = [Number(slashed[1]), Number(slashed[2])];
    const year = slashed[3].length === 2 ? 2000 + Number(slashed[3]) : Number(slashed[3]);
    const [day, month] = order === 'DMY' ? [first, second] : [second, first];
    const value = isoDate(year, month, day);
    if (!value) return { ok: false, reason: `is not a valid date (read as ${order === 'DMY' ? 'day/month/year' : 'month/day/year'})` };
    return { ok: true, value, applied: ['date_format'] };
  }
  if (EXCEL_SERIAL.test(text)) {
    const days = Math.floor(Number(text)) - EXCEL_EPOCH_SERIAL;
    return { ok: true, value: new Date(days * 86_400_000).toISOString().slice(0, 10), applied: ['date_format'] };
  }
  return { ok: false, reason: 'is not a date' };
}
