import { type ExecutionContext, ForbiddenException, HttpException, InternalServerErrorException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Caller, type Identity, IdentityError, SIGN_IN_FIRST } from '@sluice/identity';

import type { AccessDecision } from './access.decorator';
import { AccessGuard } from './access.guard';
import type { AuthenticatedRequest } from './principal';

const viewer: Caller = { userId: 'u', actor: 'v@example.com', workspaceId: 'w', role: 'viewer', access: 'read', via: 'session', sessionId: 's' };

function contextFor(request: Partial<AuthenticatedRequest>): ExecutionContext {
  const response = { setHeader: jest.fn() };
  return {
    getHandler: () => () => undefined,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
}

function guard(decision: AccessDecision | undefined, authenticate: Identity['authenticate']): AccessGuard {
  const reflector = { getAllAndOverride: () => decision } as unknown as Reflector;
  return new AccessGuard(reflector, { authenticate } as Identity);
}

const request = (headers: Record<string, string> = {}, cookies: Record<string, string> = {}) => ({ headers, cookies }) as unknown as AuthenticatedRequest;

describe('AccessGuard', () => {
  it('refuses a route without an access decision with a 500, before looking at credentials', async () => {
    const authenticate = jest.fn();
    const refusal = await guard(undefined, authenticate)
      .canActivate(contextFor(request()))
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InternalServerErrorException);
    expect((refusal as HttpException).message).toBe('This route has no access decision');
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('lets anyone through a public route', async () => {
    await expect(guard('public', jest.fn()).canActivate(contextFor(request()))).resolves.toBe(true);
  });

  it('answers 401 with the sign-in sentence when authentication fails', async () => {
    const refusal = await guard('read', () => Promise.reject(new IdentityError('unauthenticated', SIGN_IN_FIRST)))
      .canActivate(contextFor(request()))
      .catch((e: unknown) => e);
    expect((refusal as HttpException).getStatus()).toBe(401);
    expect((refusal as HttpException).getResponse()).toMatchObject({ statusCode: 401, message: SIGN_IN_FIRST });
  });

  it('hands the bearer token and the session cookie to authentication, and sets the principal', async () => {
    const authenticate = jest.fn().mockResolvedValue(viewer);
    const req = request({ authorization: 'Bearer slu_abc' }, { sluice_session: 'secret' });
    await expect(guard('read', authenticate).canActivate(contextFor(req))).resolves.toBe(true);
    expect(authenticate).toHaveBeenCalledWith({ bearer: 'slu_abc', sessionSecret: 'secret' });
    expect(req.principal).toBe(viewer);
  });

  it('refuses a caller whose access does not cover the route with a 403 naming the level', async () => {
    const refusal = await guard('write', () => Promise.resolve(viewer))
      .canActivate(contextFor(request()))
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ForbiddenException);
    expect((refusal as HttpException).message).toBe('This needs write access in the workspace; you have read');
  });
});
