import { positiveNumberFromEnv } from './env-number';

describe('positiveNumberFromEnv', () => {
  it('reads a set value and falls back when unset or empty', () => {
    expect(positiveNumberFromEnv({ N: '2.5' }, 'N', 7)).toBe(2.5);
    expect(positiveNumberFromEnv({}, 'N', 7)).toBe(7);
    expect(positiveNumberFromEnv({ N: '' }, 'N', 7)).toBe(7);
  });

  it.each(['abc', '0', '-3', 'Infinity'])('refuses %p naming the variable', (raw) => {
    expect(() => positiveNumberFromEnv({ WEBHOOK_CONCURRENCY: raw }, 'WEBHOOK_CONCURRENCY', 32)).toThrow(`WEBHOOK_CONCURRENCY must be a positive number, got "${raw}"`);
  });
});
