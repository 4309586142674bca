import { headerRowOf } from './header-row';

describe('headerRowOf', () => {
  it('reads the first record of a file start, quotes and BOM included', () => {
    expect(headerRowOf('\uFEFFsensor,"reading, raw"\r\ns-1,2\n')).toEqual(['sensor', 'reading, raw']);
    expect(headerRowOf('a,b')).toEqual(['a', 'b']);
  });

  it('is empty for an empty sample', () => {
    expect(headerRowOf('')).toEqual([]);
  });
});
