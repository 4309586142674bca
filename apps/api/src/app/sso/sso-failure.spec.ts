import { AuthorizationResponseError } from 'openid-client';

import { callbackFailure, isUnreachable, SSO_MESSAGES, SsoFailure } from './sso-failure';

function authorizationError(error: string): AuthorizationResponseError {
  return new AuthorizationResponseError('authorization response from the server is an error', { cause: new URLSearchParams({ error }) });
}

describe('callbackFailure', () => {
  it('says the provider refused, naming its error code only when it is one', () => {
    expect(callbackFailure(authorizationError('access_denied')).message).toBe(SSO_MESSAGES.cancelled);
    expect(callbackFailure(authorizationError('login_required')).message).toBe(`${SSO_MESSAGES.refused} (login_required)`);
    expect(callbackFailure(authorizationError('<script>alert(1)</script>')).message).toBe(SSO_MESSAGES.refused);
  });

  it('tells an unreachable provider from an answer that fails a check', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(callbackFailure(new TypeError('fetch failed', { cause: refused })).message).toBe(SSO_MESSAGES.unreachable);
    expect(callbackFailure(new Error('unexpected "state" response parameter value')).message).toBe(SSO_MESSAGES.unverified);
  });

  it('keeps its own failures', () => {
    const failure = new SsoFailure('as it was');
    expect(callbackFailure(failure)).toBe(failure);
  });
});

describe('isUnreachable', () => {
  it('looks through causes for network codes and timeouts', () => {
    expect(isUnreachable(new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ENOTFOUND' }) }))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))).toBe(true);
    expect(isUnreachable(new Error('nope'))).toBe(false);
    expect(isUnreachable('not an error')).toBe(false);
  });
});
