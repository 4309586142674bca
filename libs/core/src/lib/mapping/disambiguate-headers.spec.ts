import { disambiguateHeaders } from './disambiguate-headers';

describe('disambiguateHeaders', () => {
  it('renames later copies of a header name_2, name_3 and reports them', () => {
    expect(disambiguateHeaders(['name', 'Email', 'name', ' Name ', 'email', ''])).toEqual({
      header: ['name', 'Email', 'name_2', 'Name_3', 'email_2', ''],
      renamed: [
        { index: 2, from: 'name', to: 'name_2' },
        { index: 3, from: ' Name ', to: 'Name_3' },
        { index: 4, from: 'email', to: 'email_2' },
      ],
    });
  });

  it('skips suffixes another header holds, and leaves empty headers alone', () => {
    expect(disambiguateHeaders(['a', 'a_2', 'a', '', '']).header).toEqual(['a', 'a_2', 'a_3', '', '']);
  });

  it('renames 20,000 copies of one header in proportion to their number', () => {
    const started = performance.now();
    const { header } = disambiguateHeaders(Array.from({ length: 20_000 }, () => 'x'));
    expect(header[19_999]).toBe('x_20000');
    expect(new Set(header).size).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
