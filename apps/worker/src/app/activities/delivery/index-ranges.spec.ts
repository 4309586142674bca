import { fromRanges, toRanges } from './index-ranges';

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
