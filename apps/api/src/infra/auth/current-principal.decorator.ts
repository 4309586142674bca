import { createParamDecorator, type ExecutionContext, InternalServerErrorException } from '@nestjs/common';

import type { AuthenticatedRequest, Principal } from './principal';

function principalOf(context: ExecutionContext): Principal {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  // Only a route marked @Public() runs without one, and such a route must not ask for it.
  if (!principal) throw new InternalServerErrorException('No principal on an authenticated route');
  return principal;
}

/** The caller: user, workspace, role and access. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => principalOf(context));

/** The id of the workspace the request acts on; every repository call of the request takes it. */
export const CurrentWorkspace = createParamDecorator((_data: unknown, context: ExecutionContext): string => principalOf(context).workspaceId);
