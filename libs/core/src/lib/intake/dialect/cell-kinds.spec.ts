import { isKnownCell, isNumericCell } from './cell-kinds';
import { looksLikeHeader } from './find-header';

describe('isKnownCell', () => {
  it.each([
    '',
    '  ',
    '42',
    '-3.5',
    '1,5',
    '1.234,56',
    '1,234.56',
    '€ 12,50',
    '12.50 EUR',
    '(400)',
    '15%',
    '2026-11-02',
    '02.11.2026',
    '11/2/26',
    '2026-11-02T14:05:00Z',
    '14:05',
    '2 Nov 2026',
    'Nov 2, 2026',
    'ann@example.com',
    'https://example.com/a?b=1',
    'www.acme.io',
    '+33 1 23 45 67 89',
    'São Paulo',
    "O'Neil",
    'Paris, France',
    'R&D (EMEA)',
    'SKU-12/B',
  ])('knows %j', (cell) => expect(isKnownCell(cell, false)).toBe(true));

  it.each(['a;b', 'x|y', 'a\tb', '"Smith', 'He said "hi"', "'quoted'", '1;2,5', 'a,b'])('does not know %j', (cell) => expect(isKnownCell(cell, false)).toBe(false));

  it("treats a bare apostrophe as a stray quote when ' is the quote", () => {
    expect(isKnownCell("O'Neil", true)).toBe(false);
    expect(isKnownCell('Neil', true)).toBe(true);
  });
});

describe('isNumericCell and looksLikeHeader', () => {
  it('tells numbers and dates from names', () => {
    expect(['12', '3,5', '2026-01-02', '$4'].every(isNumericCell)).toBe(true);
    expect(['id', 'Q3 2026', 'email', ''].some(isNumericCell)).toBe(false);
  });

  it('wants a header mostly filled, mostly not numbers, mostly distinct', () => {
    expect(looksLikeHeader(['id', 'name', '', 'amount'])).toBe(true);
    expect(looksLikeHeader(['Report', '', '', ''])).toBe(false);
    expect(looksLikeHeader(['1', '2026-01-02', 'x'])).toBe(false);
    expect(looksLikeHeader(['x', 'x', 'x', 'y'])).toBe(false);
  });
});
