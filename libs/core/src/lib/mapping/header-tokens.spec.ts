import { headerTokens, subjectsOf } from './header-tokens';

describe('headerTokens', () => {
  it.each([
    ['Number of Employees', 'employee count'],
    ['# Employees', 'employee count'],
    ['No. of Employees', 'employee count'],
    ['# of Employees', 'employee count'],
    ['Phone Number', 'phone number'],
    ['Industries', 'industry'],
    ['Addresses', 'address'],
    ['Status', 'status'],
    ['profileUrl', 'profile url'],
    ['company_founded_year', 'company founded year'],
    ['E-mail', 'email'],
    ['Web Site', 'website'],
    ['Organization Name', 'company name'],
    ['Org', 'company'],
    ['Tel', 'phone'],
    ['Qty', 'quantity'],
    ['Desc', 'description'],
    ['Person - Email - Work', 'email work'],
    ['Contact Name', 'name'],
    ['Contact', 'contact'],
    ['Name of the Company', 'name company'],
    ['The', 'the'],
    ['constructor', 'constructor'],
    ['', ''],
  ])('%p → %p', (header, expected) => {
    expect(headerTokens(header).join(' ')).toBe(expected);
  });

  it("drops a leading dataset subject only for that dataset's headers", () => {
    expect(headerTokens('Company City', subjectsOf('company'))).toEqual(['city']);
    expect(headerTokens('Company City', subjectsOf('people'))).toEqual(['company', 'city']);
    expect(headerTokens('Company', subjectsOf('company'))).toEqual(['company']);
    expect(headerTokens('Company City', subjectsOf('email_sends'))).toEqual(['company', 'city']);
  });
});
