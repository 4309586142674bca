import { effectiveAccess, highestScope } from './effective-access';

describe('effective access of a token', () => {
  it('is the lower of the creator role and the token scope', () => {
    expect(effectiveAccess('owner', ['admin'])).toBe('admin');
    expect(effectiveAccess('owner', ['read'])).toBe('read');
    expect(effectiveAccess('editor', ['admin'])).toBe('write');
    expect(effectiveAccess('viewer', ['write'])).toBe('read');
  });

  it('takes the highest scope listed, and none grants nothing', () => {
    expect(highestScope(['read', 'write'])).toBe('write');
    expect(effectiveAccess('owner', [])).toBeNull();
  });
});
