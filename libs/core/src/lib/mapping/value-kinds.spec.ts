import { columnKinds, contradicts, favours } from './value-kinds';

describe('columnKinds', () => {
  it('tells what most of a column’s values are', () => {
    const samples = [
      ['a@x.io', 'https://acme.com', '2024-01-31', '+1 (555) 123-4567', 'Germany', '1,200', 'hello', 'https://www.linkedin.com/in/ann', 'acme.com', ''],
      ['b@y.io', 'www.beta.io/about', '31/01/2024', '+44 20 7946 0958', 'US', '3.5', 'world', 'https://linkedin.com/company/acme', 'beta.io', ''],
      ['not an email', 'http://c.org', 'Mar 1, 2010', '020 7946 0959', 'France', '$42', 'again', 'https://www.linkedin.com/in/bo', 'c.org', 'x'],
      ['d@z.io', 'https://d.dev', '2024-02-01T10:00:00Z', '555-123-4567', 'Japan', '-7', 'more', 'https://www.linkedin.com/in/cy', 'd.dev', ''],
      ['e@z.io', 'https://e.dev', '2024-02-02', '5551234567', 'Spain', '12', 'text', 'https://www.linkedin.com/in/di', 'e.dev', ''],
    ];
    expect(columnKinds(samples, 11)).toEqual(['email', 'url', 'date', 'phone', 'country', 'number', 'text', 'linkedin', 'domain', null, null]);
  });

  it('gives no kind to a column of mixed values', () => {
    expect(columnKinds([['a@x.io'], ['2024-01-01'], ['hello'], ['12']], 1)).toEqual(['text']);
  });
});

describe('contradicts and favours', () => {
  it('keeps text out of number, email and date fields, never out of string fields', () => {
    expect(contradicts('text', 'int')).toBe(true);
    expect(contradicts('email', 'date')).toBe(true);
    expect(contradicts('text', 'string')).toBe(false);
    expect(contradicts('number', 'decimal')).toBe(false);
    expect(contradicts('url', 'domain')).toBe(false);
    expect(contradicts(null, 'int')).toBe(false);
  });

  it('favours fields by type, and text fields by what their name says', () => {
    expect(favours('email', 'email', ['sender'])).toBe(true);
    expect(favours('date', 'datetime', ['timestamp'])).toBe(true);
    expect(favours('phone', 'string', ['phone'])).toBe(true);
    expect(favours('phone', 'string', ['job', 'title'])).toBe(false);
    expect(favours('linkedin', 'url', ['company', 'linkedin', 'url'])).toBe(true);
    expect(favours('linkedin', 'domain', ['company', 'domain'])).toBe(false);
  });
});
