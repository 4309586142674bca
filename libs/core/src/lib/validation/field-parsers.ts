import type { FieldType } from '../datasets/dataset-definition';

export type ParsedValue = string | number;
export type FieldParseResult = { ok: true; value: ParsedValue } | { ok: false; reason: string };

// Plain decimal notation only: hex, Infinity and empty strings are what Number() would wrongly accept.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

// ISO-8601 calendar date, optionally with a time (T or space) and an offset (Z, ±hh, ±hhmm, ±hh:mm).
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function parseDecimal(raw: string): FieldParseResult {
  if (!DECIMAL.test(raw)) return { ok: false, reason: 'is not a number' };
  const value = Number(raw);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'is out of range' };
}

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return offset.startsWith('-') ? -minutes : minutes;
}

/** Normalises to a UTC instant; a time without an offset is taken as UTC, so a file reads the same everywhere. */
function parseDateTime(raw: string): FieldParseResult {
  const invalid: FieldParseResult = { ok: false, reason: 'is not an ISO-8601 date-time' };
  const match = ISO_DATE_TIME.exec(raw);
  if (!match) return invalid;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], millis);
  const date = new Date(utc);
  // Date.UTC rolls 31 April over to 1 May; a round trip catches every out-of-range part.
  const roundTrips =
    date.getUTCFullYear() === fields[0] &&
    date.getUTCMonth() === fields[1] - 1 &&
    date.getUTCDate() === fields[2] &&
    date.getUTCHours() === fields[3] &&
    date.getUTCMinutes() === fields[4] &&
    date.getUTCSeconds() === fields[5];
  if (!roundTrips || Math.abs(offsetMinutes(offset)) >= 24 * 60) return invalid;
  return { ok: true, value: new Date(utc - offsetMinutes(offset) * 60_000).toISOString() };
}

const parsers: Record<FieldType, (raw: string) => FieldParseResult> = {
  string: (raw) => ({ ok: true, value: raw }),
  decimal: parseDecimal,
  datetime: parseDateTime,
};

export function parseField(type: FieldType, raw: string): FieldParseResult {
  return parsers[type](raw);
}
