import { groupCounts, hasMergesToReview } from './merge-counts';

describe('merge counts', () => {
  it('sums up a job’s groups', () => {
    expect(groupCounts({ groups: 1, flaggedGroups: 0 })).toBe('1 group, 0 flagged');
    expect(groupCounts({ groups: 1204, flaggedGroups: 3 })).toBe('1,204 groups, 3 flagged');
    expect(groupCounts({})).toBe('0 groups, 0 flagged');
  });

  it('offers the review when there are groups, or corrections were made', () => {
    const merge = { rowsIn: 4, rowsOut: 4, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0 };
    expect(hasMergesToReview({ merge: { ...merge, groups: 1 }, outputVersion: 1 })).toBe(true);
    expect(hasMergesToReview({ merge: { ...merge, groups: 0 }, outputVersion: 1 })).toBe(false);
    expect(hasMergesToReview({ merge: { ...merge, groups: 0 }, outputVersion: 2 })).toBe(true);
    expect(hasMergesToReview({ merge: null })).toBe(false);
  });
});
