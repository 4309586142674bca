import type { SsoClaims } from '@sluice/identity';
import type { Request, Response } from 'express';

export type { SsoClaims } from '@sluice/identity';

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
