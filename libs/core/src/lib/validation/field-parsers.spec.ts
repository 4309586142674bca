import { parseField } from './field-parsers';

describe('parseField decimal', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['+0.25', 0.25],
    ['.5', 0.5],
    ['1e3', 1000],
    ['7.', 7],
  ])('reads %p as %p', (raw, expected) => {
    expect(parseField('decimal', raw)).toEqual({ ok: true, value: expected, applied: [] });
  });

  it.each(['abc', '0x10', 'Infinity', '1,5', '12abc', '--1', '1e400', '1,23,4'])('rejects %p', (raw) => {
    expect(parseField('decimal', raw).ok).toBe(false);
  });
});

describe('parseField datetime', () => {
  it.each([
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T10:15:00Z', '2024-03-01T10:15:00.000Z'],
    ['2024-03-01 10:15', '2024-03-01T10:15:00.000Z'],
    ['2024-03-01T10:15:30.5+02:00', '2024-03-01T08:15:30.500Z'],
    ['2024-03-01T10:15:30-0130', '2024-03-01T11:45:30.000Z'],
    ['2024-02-29T23:59:59+01', '2024-02-29T22:59:59.000Z'],
  ])('normalises %p to %p', (raw, expected) => {
    expect(parseField('datetime', raw)).toEqual({ ok: true, value: expected, applied: [] });
  });

  it.each(['2023-02-29', '2024-13-01', '2024-04-31T00:00:00Z', '2024-03-01T24:00:00Z', '31/31/2024', 'yesterday', '2024-03-01T10:15:00+25:00'])('rejects %p', (raw) => {
    expect(parseField('datetime', raw)).toEqual({ ok: false, reason: 'is not an ISO-8601 date-time' });
  });
});

describe('parseField datetime with slashed dates', () => {
  it('reads them in the order given and counts the reformatting', () => {
    expect(parseField('datetime', '01/03/2024', { dateOrder: 'DMY' })).toEqual({ ok: true, value: '2024-03-01T00:00:00.000Z', applied: ['date_format'] });
    expect(parseField('datetime', '01/03/2024', { dateOrder: 'MDY' })).toEqual({ ok: true, value: '2024-01-03T00:00:00.000Z', applied: ['date_format'] });
  });
});
