import { checkNewPassword, hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('are stored as argon2id hashes that verify only the same password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'Correct horse battery staple')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'x')).resolves.toBe(false);
  });

  it('must be long enough, and not absurdly long', () => {
    expect(() => checkNewPassword('short')).toThrow('The new password needs at least 12 characters');
    expect(() => checkNewPassword('x'.repeat(257))).toThrow('at most 256 characters');
    expect(() => checkNewPassword('twelve chars')).not.toThrow();
  });
});
