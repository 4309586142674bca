import fc from 'fast-check';

import { fromRanges, IndexRanges, toRanges } from './index-ranges';

describe('index ranges', () => {
  it('compresses runs and restores them exactly', () => {
    const values = [7, 1, 2, 3, 5, 9, 8, 2];
    expect(toRanges(values)).toEqual([
      [1, 3],
      [5, 5],
      [7, 9],
    ]);
    expect([...fromRanges(toRanges(values))].sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 7, 8, 9]);
    expect(toRanges([])).toEqual([]);
    expect(fromRanges(undefined).size).toBe(0);
  });
});

describe('IndexRanges', () => {
  it('joins neighbours from either side and fills holes', () => {
    const ranges = new IndexRanges([[5, 6]]);
    for (const value of [4, 8, 7, 1, 2, 6, 0]) ranges.add(value);
    expect(ranges.toJSON()).toEqual([
      [0, 2],
      [4, 8],
    ]);
    expect(ranges.size).toBe(8);
    expect([ranges.has(3), ranges.has(4), ranges.has(9)]).toEqual([false, true, false]);
  });

  it('holds exactly what a Set would, as the same runs toRanges makes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 80 }), (values) => {
        const ranges = new IndexRanges();
        values.forEach((value) => ranges.add(value));
        const set = new Set(values);
        expect(ranges.toJSON()).toEqual(toRanges(set));
        expect(ranges.size).toBe(set.size);
        expect([...ranges]).toEqual([...set].sort((a, b) => a - b));
        for (let value = -1; value <= 61; value++) expect(ranges.has(value)).toBe(set.has(value));
      }),
    );
  });
});
