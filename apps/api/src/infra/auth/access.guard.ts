import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { accessCovers, DEFAULT_WORKSPACE_ID } from '@sluice/contracts';

import { ACCESS_KEY, type AccessDecision } from './access.decorator';
import type { AuthenticatedRequest } from './principal';

/**
 * Authenticates every request and checks the route's access decision.
 * PLACEHOLDER until sign-in lands: acts as the owner of the default workspace.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const decision = this.reflector.getAllAndOverride<AccessDecision | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    // PLACEHOLDER: routes are given their decisions with workspaces; then a missing one is a 500.
    if (!decision) return true;
    if (decision === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal ??= { userId: DEFAULT_WORKSPACE_ID, actor: 'placeholder', workspaceId: DEFAULT_WORKSPACE_ID, role: 'owner', access: 'admin', via: 'session' };
    if (!accessCovers(request.principal.access, decision)) throw new ForbiddenException(`This needs ${decision} access in the workspace`);
    return true;
  }
}
