import type { Granularity } from '@sluice/contracts';

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days are calendar dates without a zone ("2026-01-05"); arithmetic on them runs in UTC so no offset can shift them. */
function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const date = toDate(value);
  return !Number.isNaN(date.getTime()) && toDay(date) === value;
}

export function addDays(day: string, days: number): string {
  return toDay(new Date(toDate(day).getTime() + days * DAY_MS));
}

/** Days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY_MS);
}

/** The first day of the period holding `day`: the day itself, the Monday of its ISO week, or the 1st of its month. */
export function periodStart(day: string, granularity: Granularity): string {
  const date = toDate(day);
  if (granularity === 'day') return day;
  if (granularity === 'week') return addDays(day, -((date.getUTCDay() + 6) % 7));
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the period `steps` periods after (or, when negative, before) the one starting at `start`. */
export function shiftPeriod(start: string, granularity: Granularity, steps: number): string {
  if (granularity === 'day') return addDays(start, steps);
  if (granularity === 'week') return addDays(start, 7 * steps);
  const date = toDate(start);
  return toDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + steps, 1)));
}

/** The last day of the period starting at `start`. */
export function periodEnd(start: string, granularity: Granularity): string {
  return addDays(shiftPeriod(start, granularity, 1), -1);
}

/** The ISO 8601 week of a day: its week-numbering year (which differs near New Year) and week 1–53. */
export function isoWeek(day: string): { year: number; week: number } {
  // The Thursday of a week decides its year; week 1 holds the year's first Thursday.
  const thursday = addDays(periodStart(day, 'week'), 3);
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1 };
}

/** How a period is named: 2026-01-05, 2026-W02 or 2026-01. */
export function periodLabel(start: string, granularity: Granularity): string {
  if (granularity === 'day') return start;
  if (granularity === 'month') return start.slice(0, 7);
  const { year, week } = isoWeek(start);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Start days of every period that overlaps from..to (inclusive), oldest first. */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const starts: string[] = [];
  for (let start = periodStart(from, granularity); start <= to; start = shiftPeriod(start, granularity, 1)) starts.push(start);
  return starts;
}

/** True when `zone` is an IANA time zone this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day an instant falls on in `zone`: what a dashboard in that zone calls "that day". */
export function localDay(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
