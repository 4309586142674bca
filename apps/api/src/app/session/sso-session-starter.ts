import type { Request, Response } from 'express';

/** What single sign-on learned about the person, from the verified ID token (and the provider's userinfo). */
export interface SsoClaims {
  /** The provider's issuer URL; with subject, the stable identity of the person at that provider. */
  issuer: string;
  subject: string;
  email: string | null;
  /** Only true when the provider vouches for the address (email_verified: true). */
  emailVerified: boolean;
  name: string | null;
}

/**
 * The identity side of single sign-on: finds or links the user for the claims and starts a session (sets the
 * session cookie on the response). Throws SsoSignInRefusedError to turn the person away with a message.
 */
export interface SsoSessionStarter {
  signInWithSso(claims: SsoClaims, request: Request, response: Response): Promise<void>;
}

export const SSO_SESSION_STARTER = Symbol('SsoSessionStarter');

/** Thrown by a SsoSessionStarter to refuse the sign-in; the message is shown to the person on the sign-in page. */
export class SsoSignInRefusedError extends Error {
  override readonly name = 'SsoSignInRefusedError';
}
