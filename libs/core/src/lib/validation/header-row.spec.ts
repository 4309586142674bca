import { headerRowOf } from './header-row';

describe('headerRowOf', () => {
  it('reads the first record of a file start, quotes and BOM included', () => {
    expect(headerRowOf('\uFEFFsensor,"reading, raw"\r\ns-1,2\n')).toEqual(['sensor', 'reading, raw']);
    expect(headerRowOf('a,b')).toEqual(['a', 'b']);
    expect(headerRowOf('a,b\rc,d\r')).toEqual(['a', 'b']);
  });

  it('reads the header in the dialect given', () => {
    expect(headerRowOf("name;'city; town';amount\n1;2;3\n", { delimiter: ';', quote: "'", escape: '"' })).toEqual(['name', 'city; town', 'amount']);
    expect(headerRowOf('name\t"say \\"hi\\""\n', { delimiter: '\t', quote: '"', escape: '\\' })).toEqual(['name', 'say "hi"']);
    expect(headerRowOf('"name"|city\n', { delimiter: '|', quote: '', escape: '' })).toEqual(['"name"', 'city']);
  });

  it('is empty for an empty sample', () => {
    expect(headerRowOf('')).toEqual([]);
  });
});
