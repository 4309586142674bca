import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WorkspaceView } from '@sluice/contracts';
import { Identity } from '@sluice/identity';
import type { Request } from 'express';

import { AuditTrail } from '../../infra/audit/audit-trail';
import { Access } from '../../infra/auth/access.decorator';
import { CurrentPrincipal } from '../../infra/auth/current-principal.decorator';
import type { Principal } from '../../infra/auth/principal';
import { CreateWorkspaceDto } from './create-workspace.dto';

@ApiTags('workspaces')
@Controller('workspaces')
export class WorkspacesController {
  constructor(
    private readonly identity: Identity,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'The workspaces you are a member of, with your role in each' })
  list(@CurrentPrincipal() principal: Principal): Promise<WorkspaceView[]> {
    return this.identity.workspaces.listFor(principal.userId);
  }

  @Post()
  @Access('read')
  @ApiOperation({ summary: 'Create a workspace: you become its owner, and it gets its own copy of the presets' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWorkspaceDto, @Req() request: Request): Promise<WorkspaceView> {
    const workspace = await this.identity.workspaces.create(principal.userId, body.name);
    await this.audit.record({
      workspaceId: workspace.id,
      actorUserId: principal.userId,
      actor: principal.actor,
      action: 'workspace.create',
      target: workspace.id,
      outcome: 'success',
      detail: { name: workspace.name },
      ip: request.ip ?? null,
    });
    return workspace;
  }
}
