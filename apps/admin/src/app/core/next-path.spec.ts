import { safeNextPath, signInUrl } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/jobs/42?tab=rows', '/jobs/42?tab=rows'],
    ['/', '/'],
    ['/datasets#fields', '/datasets#fields'],
  ])('follows the app path %s', (next, expected) => expect(safeNextPath(next)).toBe(expected));

  it.each([
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['javascript:alert(1)'],
    ['jobs'],
    ['/sign-in'],
    ['/sign-in?next=/x'],
  ])('goes to the jobs list instead of %p', (next) => expect(safeNextPath(next)).toBe('/'));
});

describe('signInUrl', () => {
  it('comes back to the page afterwards, encoded', () => expect(signInUrl('/jobs/42?page=2')).toBe('/sign-in?next=%2Fjobs%2F42%3Fpage%3D2'));
  it('needs no next for the jobs list or the sign-in page itself', () => {
    expect(signInUrl('/')).toBe('/sign-in');
    expect(signInUrl('/sign-in?next=%2Fx')).toBe('/sign-in');
  });
});
