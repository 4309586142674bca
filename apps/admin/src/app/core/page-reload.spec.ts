import { pageAfterSwitch } from './page-reload';

describe('pageAfterSwitch', () => {
  it.each([
    ['/', '/'],
    ['/storage', '/storage'],
    ['/dashboard?source=transactions', '/dashboard?source=transactions'],
    ['/jobs/8d1f', '/'],
    ['/jobs/8d1f/merges', '/'],
    ['/datasets/people', '/datasets'],
    ['/pipelines/email_engagement?x=1', '/pipelines'],
  ])('after switching on %s loads %s', (url, expected) => expect(pageAfterSwitch(url)).toBe(expected));
});
