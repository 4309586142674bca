import { matchHeaders } from './header-matcher';
import { normaliseHeader } from './normalise-header';

describe('normaliseHeader', () => {
  it.each([
    ['E-mail_Address', 'e mail address'],
    ['firstName', 'first name'],
    ['  Company   Name ', 'company name'],
    ['DateSent2', 'date sent 2'],
    ['HTTPStatus', 'http status'],
    ['Société', 'societe'],
  ])('%p → %p', (input, expected) => {
    expect(normaliseHeader(input)).toBe(expected);
  });
});

describe('matchHeaders', () => {
  const people = [
    { name: 'first_name', synonyms: ['first name', 'fname', 'given name', 'firstname'] },
    { name: 'last_name', synonyms: ['last name', 'lname', 'surname', 'family name'] },
    { name: 'email', synonyms: ['email address', 'e-mail', 'mail'] },
    { name: 'company_domain', synonyms: ['domain', 'website', 'web site', 'url'] },
  ];

  it('maps real-world spellings by name, synonym and similarity, with scores and methods', () => {
    const mapping = matchHeaders(['First Name', 'Surname', 'EmailAdress', 'Company Website', 'Notes'], people);
    expect(mapping.map(({ header, field, method }) => [header, field, method])).toEqual([
      ['First Name', 'first_name', 'exact'],
      ['Surname', 'last_name', 'synonym'],
      ['EmailAdress', 'email', 'fuzzy'],
      ['Company Website', null, 'unmapped'],
      ['Notes', null, 'unmapped'],
    ]);
    expect(mapping[2].score).toBeGreaterThanOrEqual(85);
    expect(mapping[4].score).toBe(0);
  });

  it('gives a field to one column only, preferring the exact match over a fuzzy one', () => {
    const mapping = matchHeaders(['e-mail', 'email'], people);
    expect(mapping.map((m) => [m.header, m.field, m.method])).toEqual([
      ['e-mail', null, 'unmapped'],
      ['email', 'email', 'exact'],
    ]);
  });

  it('respects the threshold', () => {
    expect(matchHeaders(['emial'], people, 95)[0].field).toBeNull();
    expect(matchHeaders(['emial'], people, 60)[0].field).toBe('email');
  });

  it('matches words in another order', () => {
    expect(matchHeaders(['name first'], people)[0]).toMatchObject({ field: 'first_name', method: 'fuzzy', score: 100 });
  });

  it('leaves empty headers unmapped', () => {
    expect(matchHeaders(['', '  '], people).map((m) => m.method)).toEqual(['unmapped', 'unmapped']);
  });
});
