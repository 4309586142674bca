import { isLocked, lockAfterFailure, lockedMessage, secondsUntil } from './lockout';

const now = new Date('2026-12-02T10:00:00Z');

describe('account lockout', () => {
  it('locks on the fifth wrong password in a row, for 15 minutes', () => {
    expect(lockAfterFailure(4, now)).toBeNull();
    expect(lockAfterFailure(5, now)).toEqual(new Date('2026-12-02T10:15:00Z'));
  });

  it('is locked only until the time it was locked until', () => {
    const until = new Date('2026-12-02T10:15:00Z');
    expect(isLocked(until, now)).toBe(true);
    expect(isLocked(until, until)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });

  it('says when to try again', () => {
    const until = new Date('2026-12-02T10:15:00Z');
    expect(lockedMessage(until, now)).toContain('locked until 2026-12-02T10:15:00.000Z (in 15 minutes)');
    expect(lockedMessage(until, new Date('2026-12-02T10:14:30Z'))).toContain('(in 1 minute)');
    expect(secondsUntil(until, now)).toBe(900);
  });
});
