import { isIsoDay, isoWeek, localDay, periodEnd, periodLabel, periodsBetween, periodStart, shiftPeriod } from './periods';

describe('periods', () => {
  it('starts ISO weeks on Monday, including across the year end', () => {
    expect(periodStart('2026-11-22', 'week')).toBe('2026-11-16'); // a Sunday belongs to the week before
    expect(periodStart('2026-11-23', 'week')).toBe('2026-11-23');
    expect(periodStart('2027-01-01', 'week')).toBe('2026-12-28'); // Friday 1 Jan 2027 is in a week that began in 2026
  });

  it('numbers ISO weeks by the year of their Thursday', () => {
    expect(periodLabel('2026-12-28', 'week')).toBe('2026-W53'); // 2026 has 53 ISO weeks
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 }); // a Monday of December in week 1 of the next year
    expect(periodLabel('2025-12-29', 'week')).toBe('2026-W01');
  });

  it('follows month lengths, including leap years', () => {
    expect(periodEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(periodEnd('2026-02-01', 'month')).toBe('2026-02-28');
    expect(periodEnd('2026-04-01', 'month')).toBe('2026-04-30');
    expect(shiftPeriod('2026-01-01', 'month', -1)).toBe('2025-12-01');
    expect(shiftPeriod('2026-03-01', 'month', -1)).toBe('2026-02-01');
    expect(periodLabel(periodStart('2026-03-31', 'month'), 'month')).toBe('2026-03');
  });

  it('lists every period overlapping a range', () => {
    expect(periodsBetween('2026-12-30', '2027-01-12', 'week')).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
    expect(periodsBetween('2026-01-31', '2026-03-01', 'month')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(periodsBetween('2026-01-05', '2026-01-04', 'day')).toEqual([]);
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-1-05')).toBe(false);
    expect(isIsoDay('yesterday')).toBe(false);
  });

  it('puts an instant on the calendar day of a time zone', () => {
    const lateSunday = new Date('2026-03-01T23:30:00Z');
    expect(localDay(lateSunday, 'UTC')).toBe('2026-03-01');
    expect(localDay(lateSunday, 'Europe/Berlin')).toBe('2026-03-02'); // already Monday, and the next month's week
    expect(localDay(new Date('2026-03-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-01');
    // Across a daylight-saving change (US clocks went forward on 8 March 2026).
    expect(localDay(new Date('2026-03-09T04:30:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(localDay(new Date('2026-03-08T04:30:00Z'), 'America/New_York')).toBe('2026-03-07');
  });
});
