import { Controller, Get, Inject, Logger, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';

import { Public } from '../../infra/auth/access.decorator';
import { SSO_SESSION_STARTER, type SsoSessionStarter, SsoSignInRefusedError } from '../session/sso-session-starter';
import { safeNextPath } from './next-path';
import { OidcClientService, type PendingSignIn } from './oidc-client.service';
import type { OidcConfig } from './oidc-config';
import { SealedCookie } from './sealed-cookie';
import { SsoConfig } from './sso-config';
import { SSO_MESSAGES, SsoFailure } from './sso-failure';
import { StartSignInDto } from './start-sign-in.dto';

/** Holds state, nonce, PKCE verifier and next between start and callback; long enough to type a password and a second factor. */
const PENDING_COOKIE = 'sluice_oidc';
const PENDING_TTL_MS = 10 * 60_000;

@ApiTags('auth')
@Controller('auth/oidc')
export class SsoController {
  private readonly logger = new Logger('SingleSignOn');
  private readonly pendingCookie: SealedCookie<PendingSignIn> | null;

  constructor(
    private readonly sso: SsoConfig,
    private readonly client: OidcClientService,
    @Inject(SSO_SESSION_STARTER) private readonly sessions: SsoSessionStarter,
  ) {
    this.pendingCookie = sso.settings ? new SealedCookie(PENDING_COOKIE, sso.settings.cookieKey, PENDING_TTL_MS) : null;
  }

  @Get('start')
  @Public()
  @ApiOperation({ summary: 'Start single sign-on: redirects to the identity provider (authorization code with PKCE)' })
  @ApiFoundResponse({ description: "To the provider's sign-in; to /sign-in?error=… when the provider is not reachable" })
  @ApiNotFoundResponse({ description: 'Single sign-on is not configured' })
  async start(@Query() query: StartSignInDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { settings, cookie } = this.configured();
    try {
      const { url, pending } = await this.client.authorizationRequest(safeNextPath(query.next));
      response.cookie(PENDING_COOKIE, cookie.seal(pending), { ...cookieOptions(request, settings), maxAge: PENDING_TTL_MS });
      redirect(response, url.href);
    } catch (error) {
      this.refuse(response, error);
    }
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: "The identity provider's answer: checks it, starts a session and redirects into the app" })
  @ApiFoundResponse({ description: 'Into the app (the path given to start), or to /sign-in?error=… naming what went wrong' })
  @ApiNotFoundResponse({ description: 'Single sign-on is not configured' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { settings, cookie } = this.configured();
    const pending = cookie.open(readCookie(request, PENDING_COOKIE));
    // One answer per start: a second callback, replayed or not, finds no cookie.
    response.clearCookie(PENDING_COOKIE, cookieOptions(request, settings));
    try {
      if (!pending) throw new SsoFailure(SSO_MESSAGES.expired);
      const claims = await this.client.completeSignIn(new URL(request.originalUrl, 'http://callback.invalid').searchParams, pending);
      await this.sessions.signInWithSso(claims, request, response);
      if (!response.headersSent) redirect(response, pending.next);
    } catch (error) {
      this.refuse(response, error);
    }
  }

  private configured(): { settings: OidcConfig; cookie: SealedCookie<PendingSignIn> } {
    if (!this.sso.settings || !this.pendingCookie) throw new NotFoundException('Single sign-on is not configured');
    return { settings: this.sso.settings, cookie: this.pendingCookie };
  }

  /** Back to the sign-in page with a message for the person; never a stack trace. */
  private refuse(response: Response, error: unknown): void {
    let message: string;
    if (error instanceof SsoFailure || error instanceof SsoSignInRefusedError) message = error.message;
    else {
      this.logger.error(`Single sign-on failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      message = SSO_MESSAGES.failed;
    }
    if (!response.headersSent) redirect(response, `/sign-in?error=${encodeURIComponent(message)}`);
  }
}

function redirect(response: Response, location: string): void {
  response.setHeader('Cache-Control', 'no-store');
  response.redirect(302, location);
}

/** HttpOnly, SameSite=Lax (sent on the provider's top-level redirect back), only to the SSO routes, Secure over https. */
function cookieOptions(request: Request, settings: OidcConfig): CookieOptions {
  const redirectUri = new URL(settings.redirectUri);
  return { httpOnly: true, sameSite: 'lax', secure: request.secure || redirectUri.protocol === 'https:', path: redirectUri.pathname.replace(/\/callback$/, '') };
}

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
