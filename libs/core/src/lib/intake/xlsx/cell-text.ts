/** Days from Excel's day 0 (1899-12-30, in the 1900 date system) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;
/** The 1904 date system (old Mac workbooks) counts from 1904-01-01. */
const DATE_1904_OFFSET = 1462;
const SECONDS_PER_DAY = 86400;

/**
 * Whether a number format shows a date or time: it has date/time tokens outside quoted text and
 * [brackets] (colours, conditions, locales). The same test Excel readers (exceljs, openpyxl) use.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const unquoted = format
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsb]/i.test(unquoted.replace(/General/gi, ''));
}

/**
 * An Excel date serial as ISO 8601: `YYYY-MM-DD`, with `THH:MM:SS` when it has a time of day, or
 * `HH:MM:SS` alone for a time (a serial below 1). Rounded to the second: serials carry float noise.
 */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const seconds = Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET : 0)) * SECONDS_PER_DAY);
  const iso = new Date(seconds * 1000).toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (serial >= 0 && serial < 1 && !date1904) return time;
  return time === '00:00:00' ? date : `${date}T${time}`;
}

/**
 * A number as Excel shows it, without binary float noise: at most 15 significant digits (Excel's
 * precision), then the shortest text that reads back as that number (0.1+0.2 → "0.3"). Integers plain.
 */
export function excelNumberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isSafeInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}
