import { cleanDate, inferDateOrder } from './date-cleaners';
import { cleanBoolean, cleanNumber, inferDecimalMark } from './number-cleaners';
import { cleanString, titleCaseName } from './text-cleaners';
import { cleanDomain, cleanEmail, cleanUrl, domainOf } from './web-cleaners';

const ok = (value: unknown, applied: string[] = []) => ({ ok: true, value, applied });

describe('cleanDomain', () => {
  it.each([
    ['example.com', ok('example.com')],
    ['https://www.Example.com/about?x=1#top', ok('example.com', ['domain'])],
    ['http://www2.shop.example.co.uk/', ok('shop.example.co.uk', ['domain'])],
    ['m.example.com.', ok('example.com', ['domain'])],
    ['  EXAMPLE.com:8080/path ', ok('example.com', ['whitespace', 'domain'])],
    ['Bücher.de', ok('xn--bcher-kva.de', ['domain'])],
  ])('%p → %p', (raw, expected) => {
    expect(cleanDomain(raw)).toEqual(expected);
  });

  it.each(['not a domain', 'localhost', 'http://', '-bad-.com'])('rejects %p', (raw) => {
    expect(cleanDomain(raw)).toEqual({ ok: false, reason: 'is not a domain' });
  });

  it('derives a domain from an email address or a URL', () => {
    expect(domainOf('Jane.Doe@Mail.Example.com')).toBe('mail.example.com');
    expect(domainOf('https://www.example.org/team')).toBe('example.org');
    expect(domainOf('nobody')).toBeNull();
  });
});

describe('cleanEmail and cleanUrl', () => {
  it('lowercases emails and rejects what is not one', () => {
    expect(cleanEmail(' Jane.Doe@Example.COM')).toEqual(ok('jane.doe@example.com', ['whitespace', 'case']));
    expect(cleanEmail('mailto:a@b.io')).toEqual(ok('a@b.io', ['whitespace']));
    expect(cleanEmail('jane@')).toEqual({ ok: false, reason: 'is not an email address' });
  });

  it('adds a scheme to bare web addresses', () => {
    expect(cleanUrl('example.com/pricing')).toEqual(ok('https://example.com/pricing', ['domain']));
    expect(cleanUrl('ftp://example.com')).toEqual({ ok: false, reason: 'is not a web address' });
  });
});

describe('cleanString and titleCaseName', () => {
  it.each([
    ['JOHN MCDONALD', 'John McDonald'],
    ["mary o'brien", "Mary O'Brien"],
    ['anne-marie SMITH-JONES', 'Anne-Marie Smith-Jones'],
    ['ludwig VAN der berg', 'Ludwig van der Berg'],
  ])('%p → %p', (raw, expected) => {
    expect(titleCaseName(raw)).toBe(expected);
  });

  it('collapses whitespace and applies the case, counting each', () => {
    expect(cleanString('  jane   doe ', 'title')).toEqual(ok('Jane Doe', ['whitespace', 'case']));
    expect(cleanString('Jane Doe', 'title')).toEqual(ok('Jane Doe'));
    expect(cleanString('ACME', 'lower')).toEqual(ok('acme', ['case']));
  });

  it('keeps line breaks inside a cell, as \\n, tidying the spaces around them', () => {
    expect(cleanString('Once upon \na time', undefined)).toEqual(ok('Once upon\na time', ['whitespace']));
    expect(cleanString('12 Main St\r\nApt  4\rSpringfield', undefined)).toEqual(ok('12 Main St\nApt 4\nSpringfield', ['whitespace']));
    expect(cleanString('line one\n\n\n\nline two\n', undefined)).toEqual(ok('line one\n\nline two', ['whitespace']));
    expect(cleanString('a\tb', undefined)).toEqual(ok('a b', ['whitespace']));
    expect(cleanString('first\nsecond', undefined)).toEqual(ok('first\nsecond'));
  });

  it('joins the lines of a field that asks for one line', () => {
    expect(cleanString('Once upon \na time', undefined, 'join')).toEqual(ok('Once upon a time', ['whitespace']));
  });
});

describe('decimal commas', () => {
  it.each([
    ['1,5', 1.5],
    ['1.234,56', 1234.56],
    ['1 234,5', 1234.5],
    ['€ 12,75', 12.75],
    ['1.234', 1234],
    ['42', 42],
    ['1.5', 1.5],
  ])('%p in a decimal-comma file → %p', (raw, value) => {
    expect(cleanNumber(raw, false, ',')).toMatchObject({ ok: true, value });
  });

  it('tells the decimal mark from values that can be read only one way', () => {
    expect(inferDecimalMark(['1,5', '12,75', '3', '1.234'])).toBe(',');
    expect(inferDecimalMark(['1.5', '1,234.56', '2'])).toBe('.');
    expect(inferDecimalMark(['1,234', '1.234', '7'])).toBeNull();
  });
});

describe('cleanNumber and cleanBoolean', () => {
  it.each([
    ['1234.5', false, ok(1234.5)],
    ['1,234,567.89', false, ok(1234567.89, ['number_format'])],
    ['$1,200', true, ok(1200, ['number_format'])],
    ['€ 99.90', false, ok(99.9, ['number_format'])],
    ['12.5%', false, ok(12.5, ['number_format'])],
    ["1'000", true, ok(1000, ['number_format'])],
  ])('%p (integer: %p) → %p', (raw, integer, expected) => {
    expect(cleanNumber(raw, integer)).toEqual(expected);
  });

  it('refuses irregular grouping, fractions for integers and words', () => {
    expect(cleanNumber('1,23,4', false)).toEqual({ ok: false, reason: 'is not a number' });
    expect(cleanNumber('2.5', true)).toEqual({ ok: false, reason: 'is not a whole number' });
    expect(cleanNumber('many', false)).toEqual({ ok: false, reason: 'is not a number' });
  });

  it('reads yes/no style booleans', () => {
    expect(cleanBoolean('Yes')).toEqual(ok(true, ['boolean_format']));
    expect(cleanBoolean('false')).toEqual(ok(false));
    expect(cleanBoolean('maybe')).toEqual({ ok: false, reason: 'is not true or false' });
  });
});

describe('dates', () => {
  it('infers the order from values that can only be read one way', () => {
    expect(inferDateOrder(['01/02/2024', '25/02/2024'])).toBe('DMY');
    expect(inferDateOrder(['02/25/2024', '01/02/2024'])).toBe('MDY');
    expect(inferDateOrder(['01/02/2024', '2024-05-05'])).toBeNull();
    expect(inferDateOrder(['25/02/2024', '02/25/2024'])).toBeNull();
  });

  it.each([
    ['2024-02-29', 'MDY', ok('2024-02-29')],
    ['25/12/2024', 'DMY', ok('2024-12-25', ['date_format'])],
    ['12/25/24', 'MDY', ok('2024-12-25', ['date_format'])],
    ['45292', 'MDY', ok('2024-01-01', ['date_format'])],
  ] as const)('%p read %s → %p', (raw, order, expected) => {
    expect(cleanDate(raw, order)).toEqual(expected);
  });

  it('explains a date that does not exist in the file order', () => {
    expect(cleanDate('25/12/2024', 'MDY')).toEqual({ ok: false, reason: 'is not a valid date (read as month/day/year)' });
    expect(cleanDate('2023-02-29', 'MDY')).toEqual({ ok: false, reason: 'is not a valid date' });
  });
});
