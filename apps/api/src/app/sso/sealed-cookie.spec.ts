import { randomBytes } from 'node:crypto';

import { SealedCookie } from './sealed-cookie';

interface Flow {
  state: string;
  next: string;
}

describe('SealedCookie', () => {
  const key = randomBytes(32);
  const cookie = new SealedCookie<Flow>('sluice_oidc', key, 60_000);
  const flow = { state: 'abc', next: '/jobs' };

  it('opens what it sealed, and the sealed text does not show the value', () => {
    const sealed = cookie.seal(flow);
    expect(sealed).toMatch(/^[\w-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('/jobs');
    expect(cookie.open(sealed)).toEqual(flow);
  });

  it('refuses a changed byte anywhere', () => {
    const bytes = Buffer.from(cookie.seal(flow), 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 1;
      expect(cookie.open(changed.toString('base64url'))).toBeNull();
    }
  });

  it('refuses another key, another cookie name, garbage and nothing', () => {
    const sealed = cookie.seal(flow);
    expect(new SealedCookie<Flow>('sluice_oidc', randomBytes(32), 60_000).open(sealed)).toBeNull();
    expect(new SealedCookie<Flow>('other', key, 60_000).open(sealed)).toBeNull();
    expect(cookie.open('not-sealed')).toBeNull();
    expect(cookie.open('')).toBeNull();
    expect(cookie.open(undefined)).toBeNull();
  });

  it('refuses it once expired', () => {
    const sealed = cookie.seal(flow, 1_000);
    expect(cookie.open(sealed, 60_999)).toEqual(flow);
    expect(cookie.open(sealed, 61_000)).toBeNull();
  });

  it('needs a 32-byte key', () => {
    expect(() => new SealedCookie('x', randomBytes(16), 1)).toThrow('32-byte key');
  });
});
