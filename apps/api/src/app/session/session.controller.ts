import { Body, Controller, Delete, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SessionView } from '@sluice/contracts';
import { Identity, IdentityError } from '@sluice/identity';
import type { Request, Response } from 'express';

import { AuditTrail } from '../../infra/audit/audit-trail';
import { Access, Public } from '../../infra/auth/access.decorator';
import { clientOf } from '../../infra/auth/credentials';
import { CurrentPrincipal } from '../../infra/auth/current-principal.decorator';
import type { Principal } from '../../infra/auth/principal';
import { ChangePasswordDto } from './change-password.dto';
import { RedeemLinkDto } from './redeem-link.dto';
import { clearSessionCookie } from './session-cookie';
import { SessionStarter } from './session-starter';
import { SignInDto } from './sign-in.dto';
import { SwitchWorkspaceDto } from './switch-workspace.dto';

/** Signing in and out of the admin, and what a session acts on. */
@ApiTags('session')
@Controller('session')
export class SessionController {
  constructor(
    private readonly identity: Identity,
    private readonly starter: SessionStarter,
    private readonly audit: AuditTrail,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password: sets the session cookie (401 wrong, 423 locked, 429 too many attempts)' })
  @ApiOkResponse({ description: 'The new session' })
  async signIn(@Body() body: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    try {
      return await this.starter.begin(await this.identity.passwordSignIn.signIn(body.email, body.password, clientOf(request)), 'password', request, response);
    } catch (error) {
      if (error instanceof IdentityError) await this.recordFailure('session.sign_in', body.email, error, request);
      throw error;
    }
  }

  @Post('link')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a one-time sign-in link (the secret after #link=): sets the session cookie' })
  async redeemLink(@Body() body: RedeemLinkDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    try {
      return await this.starter.begin(await this.identity.links.redeem(body.token, clientOf(request)), 'link', request, response);
    } catch (error) {
      if (error instanceof IdentityError) await this.recordFailure('session.link_redeem', null, error, request);
      throw error;
    }
  }

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Who is signed in, in which workspace, and the workspaces they can switch to' })
  show(@CurrentPrincipal() principal: Principal): Promise<SessionView> {
    return this.identity.sessions.view(sessionOf(principal));
  }

  @Delete()
  @Access('read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookie' })
  @ApiNoContentResponse()
  async signOut(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.identity.sessions.end(sessionOf(principal));
    clearSessionCookie(request, response);
    await this.audit.record({ ...actorOf(principal), action: 'session.sign_out', target: principal.actor, outcome: 'success', ip: request.ip ?? null });
  }

  @Put('workspace')
  @Access('read')
  @ApiOperation({ summary: 'Switch the workspace this session acts on (404 for one you are not a member of)' })
  async switchWorkspace(@CurrentPrincipal() principal: Principal, @Body() body: SwitchWorkspaceDto, @Req() request: Request): Promise<SessionView> {
    sessionOf(principal);
    const view = await this.identity.sessions.switchWorkspace(principal, body.workspaceId);
    await this.audit.record({
      ...actorOf(principal),
      workspaceId: body.workspaceId,
      action: 'workspace.switch',
      target: body.workspaceId,
      outcome: 'success',
      detail: { from: principal.workspaceId },
      ip: request.ip ?? null,
    });
    return view;
  }

  @Put('password')
  @Access('read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; every other session of yours ends' })
  @ApiNoContentResponse()
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto, @Req() request: Request): Promise<void> {
    const { endedSessions } = await this.identity.passwordSignIn.changePassword(principal.userId, sessionOf(principal), body.currentPassword ?? null, body.newPassword);
    await this.audit.record({
      ...actorOf(principal),
      action: 'session.password_change',
      target: principal.actor,
      outcome: 'success',
      detail: { endedSessions },
      ip: request.ip ?? null,
    });
  }

  private async recordFailure(action: string, email: string | null, error: IdentityError, request: Request): Promise<void> {
    await this.audit.record({
      workspaceId: null,
      actorUserId: null,
      actor: null,
      action,
      target: email,
      outcome: 'failure',
      detail: { reason: error.message },
      ip: request.ip ?? null,
    });
  }
}

/** The session a request signed in with; an API token has none. */
function sessionOf(principal: Principal): string {
  if (!principal.sessionId) throw new IdentityError('invalid', 'This is about a signed-in session; an API token has none');
  return principal.sessionId;
}

function actorOf(principal: Principal) {
  return { workspaceId: principal.workspaceId, actorUserId: principal.userId, actor: principal.actor };
}
