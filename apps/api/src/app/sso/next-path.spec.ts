import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/', '/'],
    ['/jobs', '/jobs'],
    ['/jobs/42?tab=rows#top', '/jobs/42?tab=rows#top'],
    ['/dashboard?source=crm&from=2026-01-01', '/dashboard?source=crm&from=2026-01-01'],
    ['/a/../jobs', '/jobs'],
  ])('keeps the app path %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    42,
    ['/jobs'],
    '',
    'jobs',
    'https://evil.example/',
    '//evil.example/',
    '///evil.example/',
    '/\\evil.example/',
    '/\t/evil.example/',
    '/\n/evil.example/',
    'javascript:alert(1)',
    '/api/auth/oidc/start',
    '/api/auth/oidc/callback?code=x',
    `/${'a'.repeat(3000)}`,
  ])('falls back to / for %p', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });
});
