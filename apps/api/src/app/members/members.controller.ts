import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AddedMemberView, MemberView } from '@sluice/contracts';
import { Identity } from '@sluice/identity';
import type { Request } from 'express';

import { AuditTrail } from '../../infra/audit/audit-trail';
import { Access } from '../../infra/auth/access.decorator';
import { CurrentPrincipal } from '../../infra/auth/current-principal.decorator';
import type { Principal } from '../../infra/auth/principal';
import { UuidParam } from '../common/params';
import { AddMemberDto } from './add-member.dto';
import { ChangeRoleDto } from './change-role.dto';

@ApiTags('members')
@Controller('members')
export class MembersController {
  constructor(
    private readonly identity: Identity,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: "The workspace's members and their roles" })
  list(@CurrentPrincipal() principal: Principal): Promise<MemberView[]> {
    return this.identity.members.list(principal.workspaceId);
  }

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Add someone by email; a person who cannot sign in yet gets a one-time sign-in link, shown once' })
  async add(@CurrentPrincipal() principal: Principal, @Body() body: AddMemberDto, @Req() request: Request): Promise<AddedMemberView> {
    const added = await this.identity.members.add(principal.workspaceId, body.email, body.role);
    await this.record(principal, request, 'member.add', added.user.id, { email: added.user.email, role: added.role });
    return added;
  }

  @Patch(':userId')
  @Access('admin')
  @ApiOperation({ summary: "Change a member's role (the last owner cannot be demoted)" })
  async changeRole(@CurrentPrincipal() principal: Principal, @UuidParam('userId') userId: string, @Body() body: ChangeRoleDto, @Req() request: Request): Promise<MemberView> {
    const member = await this.identity.members.changeRole(principal.workspaceId, userId, body.role);
    await this.record(principal, request, 'member.role_change', userId, { email: member.user.email, role: member.role });
    return member;
  }

  @Delete(':userId')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (not the last owner)' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @UuidParam('userId') userId: string, @Req() request: Request): Promise<void> {
    await this.identity.members.remove(principal.workspaceId, userId);
    await this.record(principal, request, 'member.remove', userId, null);
  }

  private record(principal: Principal, request: Request, action: string, target: string, detail: Record<string, unknown> | null): Promise<void> {
    return this.audit.record({
      workspaceId: principal.workspaceId,
      actorUserId: principal.userId,
      actor: principal.actor,
      action,
      target,
      outcome: 'success',
      detail,
      ip: request.ip ?? null,
    });
  }
}
