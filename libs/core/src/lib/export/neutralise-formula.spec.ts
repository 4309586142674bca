import { neutraliseFormula } from './neutralise-formula';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
  ])('neutralises %p', (raw, expected) => {
    expect(neutraliseFormula(raw)).toBe(expected);
  });

  it.each(['-4.5', '+12', 'Acme', 'a=b', '', 42, null])('leaves %p alone', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});
