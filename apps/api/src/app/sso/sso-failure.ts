import { AuthorizationResponseError } from 'openid-client';

/** A sign-in that cannot go on; the message is for the person, shown on the sign-in page (the cause is only logged). */
export class SsoFailure extends Error {
  override readonly name = 'SsoFailure';
}

export const SSO_MESSAGES = {
  expired: 'Single sign-on expired or was started again in another tab or browser; please try again',
  unverified: 'Single sign-on could not be verified; please try again',
  unreachable: 'The identity provider is not reachable; please try again later',
  cancelled: 'Sign-in was cancelled or refused at the identity provider',
  refused: 'The identity provider refused sign-in',
  failed: 'Single sign-on did not complete; please try again',
} as const;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** Whether an error from talking to the provider means it could not be reached (down, unknown host, timed out, 5xx). */
export function isUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return true;
    if (cause instanceof TypeError && cause.message === 'fetch failed') return true;
    const status = (cause as { status?: unknown }).status ?? ((cause as { cause?: unknown }).cause as { status?: unknown } | undefined)?.status;
    if (typeof status === 'number' && status >= 500) return true;
  }
  return false;
}

/** The message for an error raised while completing the code flow. */
export function callbackFailure(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  if (error instanceof AuthorizationResponseError) {
    // The error code is echoed only when it is one word of OAuth's vocabulary: the query string is anyone's to write.
    if (error.error === 'access_denied') return new SsoFailure(SSO_MESSAGES.cancelled);
    return new SsoFailure(/^[a-z_]{1,40}$/.test(error.error) ? `${SSO_MESSAGES.refused} (${error.error})` : SSO_MESSAGES.refused);
  }
  if (isUnreachable(error)) return new SsoFailure(SSO_MESSAGES.unreachable);
  return new SsoFailure(SSO_MESSAGES.unverified);
}
