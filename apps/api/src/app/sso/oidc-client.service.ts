import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';

import type { SsoClaims } from '../session/sso-session-starter';
import { OIDC_CONFIG, type OidcConfig } from './oidc-config';
import { callbackFailure, SSO_MESSAGES, SsoFailure } from './sso-failure';

/** What must come back with the provider's answer: kept sealed in a cookie between start and callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go once signed in (already checked to be a path of this app). */
  next: string;
}

const PROVIDER_TIMEOUT_SECONDS = 10;

/** The OpenID Connect relying party (openid-client): builds the authorization request and completes the code flow. */
@Injectable()
export class OidcClientService {
  private readonly logger = new Logger('SingleSignOn');
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(@Inject(OIDC_CONFIG) private readonly settings: OidcConfig | null) {}

  private get config(): OidcConfig {
    // The controller answers 404 before calling in when OIDC is off.
    if (!this.settings) throw new Error('Single sign-on is not configured');
    return this.settings;
  }

  /** The provider's authorization URL (code flow, PKCE S256, state, nonce) and what the callback must check. */
  async authorizationRequest(next: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration();
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), next };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Checks the provider's answer against what was sent (state, and the issuer when the provider names it),
   * exchanges the code with the PKCE verifier, checks the ID token (issuer, audience, expiry, nonce) and reads
   * email and name from it, or from userinfo where the ID token leaves them out.
   */
  async completeSignIn(query: URLSearchParams, pending: PendingSignIn): Promise<SsoClaims> {
    const configuration = await this.configuration();
    const callbackUrl = new URL(this.config.redirectUri);
    callbackUrl.search = query.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(
        configuration,
        callbackUrl,
        { expectedState: pending.state, expectedNonce: pending.nonce, pkceCodeVerifier: pending.codeVerifier, idTokenExpected: true },
        { redirect_uri: this.config.redirectUri },
      );
      const idToken = tokens.claims();
      if (!idToken) throw new SsoFailure(SSO_MESSAGES.unverified);
      let userInfo: Record<string, unknown> = {};
      if ((idToken['email'] === undefined || idToken['name'] === undefined) && configuration.serverMetadata().userinfo_endpoint) {
        // fetchUserInfo refuses an answer about another subject than the ID token's.
        userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      }
      // The address and whether it is verified come from the same source, so one's "verified" never vouches for the other's address.
      const emailSource: Record<string, unknown> = idToken['email'] !== undefined ? idToken : userInfo;
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        email: nonEmptyString(emailSource['email']),
        // Some providers send the string "true"; anything else is not a promise that the address is the person's.
        emailVerified: emailSource['email_verified'] === true || emailSource['email_verified'] === 'true',
        name: nonEmptyString(idToken['name']) ?? nonEmptyString(userInfo['name']),
      };
    } catch (error) {
      const failure = callbackFailure(error);
      this.logger.warn(`Single sign-on callback refused: ${describe(error)}`);
      throw failure;
    }
  }

  /** The provider's metadata, discovered on first use (so the API starts while the provider is down) and again after a failure. */
  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(this.config.issuer, this.config.clientId, undefined, this.config.clientSecret ? oidc.ClientSecretBasic(this.config.clientSecret) : oidc.None(), {
        execute: this.config.allowInsecureIssuer ? [oidc.allowInsecureRequests] : [],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .catch((error: unknown) => {
        this.discovered = null;
        this.logger.warn(`Single sign-on discovery at ${this.config.issuer.href} failed: ${describe(error)}`);
        throw new SsoFailure(SSO_MESSAGES.unreachable);
      });
    return this.discovered;
  }
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The error and its causes in one line, for the log: openid-client's messages name the check that failed; the OAuth error code is quoted (it can come from the query string). */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    const code = (cause as { error?: unknown }).error;
    parts.push(`${cause.name}: ${cause.message}${typeof code === 'string' ? ` (${JSON.stringify(code.slice(0, 60))})` : ''}`);
  }
  return parts.join(' <- ') || String(error);
}
