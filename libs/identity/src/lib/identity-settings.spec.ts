import { signInLinkUrl } from './identity-settings';

describe('sign-in links', () => {
  it('carry the secret in the fragment of the admin sign-in page, so it never reaches a server log', () => {
    expect(signInLinkUrl('https://sluice.example.com/', 'abc')).toBe('https://sluice.example.com/sign-in#link=abc');
  });
});
