import { changeBetween } from './change';
import { foldMetric, ratioOf } from './metric-value';

describe('period change', () => {
  it('gives the absolute and percent change', () => {
    expect(changeBetween(150, 120)).toEqual({ change: 30, changePct: 25 });
    expect(changeBetween(90, 120)).toEqual({ change: -30, changePct: -25 });
    expect(changeBetween(1, 3)).toEqual({ change: -2, changePct: -66.67 });
  });

  it('is null, never Infinity, when the previous period is zero or missing', () => {
    expect(changeBetween(5, 0)).toEqual({ change: 5, changePct: null });
    expect(changeBetween(5, null)).toEqual({ change: null, changePct: null });
    expect(changeBetween(null, 4)).toEqual({ change: null, changePct: null });
  });

  it('measures change against the size of a negative previous value', () => {
    expect(changeBetween(-50, -100)).toEqual({ change: 50, changePct: 50 });
  });
});

describe('metric folding', () => {
  const parts = { sum: 30, count: 4, min: 2, max: 12, distinct: 3 };

  it('folds each operation from its parts', () => {
    expect(foldMetric('sum', parts)).toBe(30);
    expect(foldMetric('count', parts)).toBe(4);
    expect(foldMetric('avg', parts)).toBe(7.5);
    expect(foldMetric('min', parts)).toBe(2);
    expect(foldMetric('max', parts)).toBe(12);
    expect(foldMetric('count_distinct', parts)).toBe(3);
  });

  it('counts zero but has no sum or average for a period without rows', () => {
    expect(foldMetric('count', undefined)).toBe(0);
    expect(foldMetric('sum', undefined)).toBeNull();
    expect(foldMetric('avg', { sum: 0, count: 0, min: null, max: null, distinct: 0 })).toBeNull();
  });

  it('divides ratios only by a non-zero denominator', () => {
    expect(ratioOf(30, 120)).toBe(0.25);
    expect(ratioOf(3, 0)).toBeNull();
    expect(ratioOf(null, 5)).toBeNull();
  });
});
