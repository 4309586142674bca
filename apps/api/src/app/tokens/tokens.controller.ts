import { Body, Controller, Delete, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiTokenView, CreatedApiTokenView } from '@sluice/contracts';
import { Identity } from '@sluice/identity';
import type { Request } from 'express';

import { AuditTrail } from '../../infra/audit/audit-trail';
import { Access } from '../../infra/auth/access.decorator';
import { CurrentPrincipal } from '../../infra/auth/current-principal.decorator';
import type { Principal } from '../../infra/auth/principal';
import { UuidParam } from '../common/params';
import { CreateTokenDto } from './create-token.dto';

@ApiTags('tokens')
@Controller('tokens')
export class TokensController {
  constructor(
    private readonly identity: Identity,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: "The workspace's API tokens (never the tokens themselves)" })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenView[]> {
    return this.identity.tokens.list(principal.workspaceId);
  }

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Create an API token for this workspace: the answer is the only time it is shown' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateTokenDto, @Req() request: Request): Promise<CreatedApiTokenView> {
    const created = await this.identity.tokens.create(principal, body);
    await this.audit.record({
      workspaceId: principal.workspaceId,
      actorUserId: principal.userId,
      actor: principal.actor,
      action: 'token.create',
      target: created.id,
      outcome: 'success',
      detail: { name: created.name, scopes: created.scopes, prefix: created.prefix, expiresAt: created.expiresAt },
      ip: request.ip ?? null,
    });
    return created;
  }

  @Delete(':id')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API token: it is refused from now on' })
  @ApiNoContentResponse()
  async revoke(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Req() request: Request): Promise<void> {
    const revoked = await this.identity.tokens.revoke(principal.workspaceId, id);
    await this.audit.record({
      workspaceId: principal.workspaceId,
      actorUserId: principal.userId,
      actor: principal.actor,
      action: 'token.revoke',
      target: id,
      outcome: 'success',
      detail: { name: revoked.name, prefix: revoked.prefix },
      ip: request.ip ?? null,
    });
  }
}
