import { CanActivate, ExecutionContext, ForbiddenException, Injectable, InternalServerErrorException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { accessCovers } from '@sluice/contracts';
import { Identity } from '@sluice/identity';
import type { Response } from 'express';

import { ACCESS_KEY, type AccessDecision } from './access.decorator';
import { credentialsOf } from './credentials';
import { answerIdentityError } from './identity-http-error';
import type { AuthenticatedRequest } from './principal';

/**
 * Authenticates every request (bearer API token, else the session cookie) and checks the route's
 * access decision. A route without a decision is refused with a 500: a new route is never open by accident.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: Identity,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const decision = this.reflector.getAllAndOverride<AccessDecision | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!decision) throw new InternalServerErrorException('This route has no access decision');
    if (decision === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.principal = await this.identity.authenticate(credentialsOf(request));
    } catch (error) {
      throw answerIdentityError(error, context.switchToHttp().getResponse<Response>());
    }
    if (!accessCovers(request.principal.access, decision)) throw new ForbiddenException(`This needs ${decision} access in the workspace; you have ${request.principal.access}`);
    return true;
  }
}
