import { apiTokenPrefix, hashSecret, looksLikeApiToken, newApiToken, newSecret } from './secrets';

describe('secrets', () => {
  it('makes 43 base64url characters of randomness, never the same twice', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(a);
  });

  it('makes API tokens that look like slu_ and 43 characters, shown by a 12-character prefix', () => {
    const token = newApiToken();
    expect(looksLikeApiToken(token)).toBe(true);
    expect(apiTokenPrefix(token)).toBe(token.slice(0, 12));
    expect(looksLikeApiToken('slu_short')).toBe(false);
  });

  it('stores a SHA-256 hex digest, not the secret', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
