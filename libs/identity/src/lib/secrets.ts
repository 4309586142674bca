import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as 43 base64url characters: the secret of a session cookie or a sign-in link. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What Postgres stores instead of a secret. The secrets carry 256 random bits, so a fast hash is enough. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export const API_TOKEN_PREFIX = 'slu_';

/** A new API token: "slu_" and 43 base64url characters. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

/** The part of a token shown in lists so people can tell tokens apart (the first 12 characters). */
export function apiTokenPrefix(token: string): string {
  return token.slice(0, 12);
}

/** Whether a bearer credential looks like one of our tokens at all. */
export function looksLikeApiToken(value: string): boolean {
  return /^slu_[A-Za-z0-9_-]{43}$/.test(value);
}
