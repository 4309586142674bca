/**
 * What kind of refusal an identity use case made; the API answers each with its status:
 * unauthenticated 401, forbidden 403, not_found 404, conflict 409, invalid 400, locked 423, throttled 429.
 */
export type IdentityErrorKind = 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'invalid' | 'locked' | 'throttled';

/** A refusal with a sentence for the person who made the request. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';

  constructor(
    readonly kind: IdentityErrorKind,
    message: string,
    /** For locked and throttled: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The one 401 sentence for "no credentials, or ones we do not know": it never says which. */
export const SIGN_IN_FIRST = 'Sign in first: no valid session or API token';
