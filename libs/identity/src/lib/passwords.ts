import argon2 from 'argon2';

import { IdentityError } from './identity-error';

export const MIN_PASSWORD_LENGTH = 12;
/** argon2 hashes whatever it is given; a cap keeps one request from costing much. */
export const MAX_PASSWORD_LENGTH = 256;

/** An argon2id PHC string (the package's defaults: 64 MiB, 3 passes, OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Whether the password matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Refuses a new password that is too short or too long, naming the limit. */
export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new IdentityError('invalid', `The new password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new IdentityError('invalid', `The new password may have at most ${MAX_PASSWORD_LENGTH} characters`);
}

/** A hash to verify against when the account does not exist, so a wrong email costs as long as a wrong password. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password nobody has');
  return decoyHash;
}
