import { cleanDate } from '../cleaning/date-cleaners';
import type { DecimalMark } from '../cleaning/number-cleaners';
import { cleanBoolean, cleanNumber } from '../cleaning/number-cleaners';
import { Cleaned, cleanString } from '../cleaning/text-cleaners';
import { cleanDomain, cleanEmail, cleanUrl } from '../cleaning/web-cleaners';
import type { DateOrder, FieldDefinition, FieldType } from '../datasets/dataset-definition';

export type ParsedValue = string | number | boolean;
export type FieldParseResult = Cleaned<ParsedValue>;

export interface ParseOptions {
  case?: FieldDefinition['case'];
  lineBreaks?: FieldDefinition['lineBreaks'];
  /** How this file writes ambiguous slashed dates. */
  dateOrder?: DateOrder;
  /** How this file writes the decimal point. */
  decimalMark?: DecimalMark;
}

// ISO-8601 calendar date with a time (T or space) and an optional offset (Z, ±hh, ±hhmm, ±hh:mm).
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return offset.startsWith('-') ? -minutes : minutes;
}

/** Normalises to a UTC instant; a time without an offset is taken as UTC, so a file reads the same everywhere. */
function parseDateTime(raw: string, order: DateOrder): FieldParseResult {
  const invalid: FieldParseResult = { ok: false, reason: 'is not an ISO-8601 date-time' };
  const text = raw.trim();
  const match = ISO_DATE_TIME.exec(text);
  if (!match) {
    // A bare date is midnight UTC.
    const date = cleanDate(text, order);
    return date.ok ? { ok: true, value: `${date.value}T00:00:00.000Z`, applied: date.applied } : invalid;
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '', offset] = match;
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
  return { ok: true, value: new Date(utc - offsetMinutes(offset) * 60_000).toISOString(), applied: [] };
}

/** Cleans and checks one non-empty value; `applied` names the cleaning rules that changed it. */
export function parseField(type: FieldType, raw: string, options: ParseOptions = {}): FieldParseResult {
  const order = options.dateOrder ?? 'MDY';
  switch (type) {
    case 'string':
      return cleanString(raw, options.case, options.lineBreaks);
    case 'email':
      return cleanEmail(raw);
    case 'domain':
      return cleanDomain(raw);
    case 'url':
      return cleanUrl(raw);
    case 'int':
      return cleanNumber(raw, true, options.decimalMark);
    case 'decimal':
      return cleanNumber(raw, false, options.decimalMark);
    case 'date':
      return cleanDate(raw, order);
    case 'datetime':
      return parseDateTime(raw, order);
    case 'bool':
      return cleanBoolean(raw);
  }
}
