import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';

import { describeSignInError } from './sign-in-error';

const NOW = new Date('2026-12-02T10:00:00.000Z');

function refusal(status: number, error: unknown, headers: Record<string, string> = {}) {
  return new HttpErrorResponse({ status, error, headers: new HttpHeaders(headers) });
}

describe('describeSignInError', () => {
  it("gives the API's words for a wrong password", () => {
    expect(describeSignInError(refusal(401, { statusCode: 401, message: 'Wrong email or password' }), NOW)).toBe('Wrong email or password');
  });

  it('adds when a locked account may try again, unless the words already say', () => {
    const locked = { statusCode: 423, message: 'Too many failed sign-ins: the account is locked', lockedUntil: '2026-12-02T10:15:00.000Z' };
    expect(describeSignInError(refusal(423, locked), NOW)).toBe('Too many failed sign-ins: the account is locked. Try again in 15 minutes.');
    expect(describeSignInError(refusal(423, { ...locked, message: 'Locked: try again at 10:15' }), NOW)).toBe('Locked: try again at 10:15');
  });

  it("adds a throttled request's Retry-After, in seconds or as a date", () => {
    expect(describeSignInError(refusal(429, { statusCode: 429, message: 'Too many sign-in attempts' }, { 'Retry-After': '30' }), NOW)).toBe(
      'Too many sign-in attempts. Try again in 30 seconds.',
    );
    expect(describeSignInError(refusal(429, { message: 'Too many sign-in attempts' }, { 'Retry-After': 'Wed, 02 Dec 2026 10:05:00 GMT' }), NOW)).toBe(
      'Too many sign-in attempts. Try again in 5 minutes.',
    );
  });

  it('says when the API is not reachable', () => {
    expect(describeSignInError(refusal(0, null), NOW)).toBe('The API is not reachable');
  });
});
