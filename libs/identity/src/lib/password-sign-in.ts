import type { ClientInfo } from './caller';
import { IdentityError } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import type { IdentitySettings } from './identity-settings';
import { isLocked, lockAfterFailure, lockedMessage, secondsUntil } from './lockout';
import { checkNewPassword, decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import type { Sessions, StartedSession } from './sessions';
import type { SignInThrottle } from './sign-in-throttle';

export const WRONG_CREDENTIALS = 'Wrong email or password';

/** Sign-in with email and password, throttled per address and locked per account after repeated failures. */
export class PasswordSignIn {
  constructor(
    private readonly repositories: IdentityRepositories,
    private readonly sessions: Sessions,
    private readonly throttle: SignInThrottle,
    private readonly settings: IdentitySettings,
  ) {}

  /**
   * A session for the account, or: 429 when the address tried too often, 423 while the account is
   * locked (saying until when), 401 "Wrong email or password" (never which of the two).
   */
  async signIn(email: string, password: string, client: ClientInfo): Promise<StartedSession> {
    await this.throttle.take(client.ip ?? 'unknown');
    const now = this.settings.now();
    const user = await this.repositories.users.findByEmail(email.trim());
    if (!user?.passwordHash) {
      await verifyPassword(await decoyPasswordHash(), password);
      throw new IdentityError('unauthenticated', WRONG_CREDENTIALS);
    }
    if (user.lockedUntil && isLocked(user.lockedUntil, now)) throw new IdentityError('locked', lockedMessage(user.lockedUntil, now), secondsUntil(user.lockedUntil, now));
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failures = await this.repositories.users.recordFailedSignIn(user.id);
      const until = lockAfterFailure(failures, now, this.settings.lockout);
      if (!until) throw new IdentityError('unauthenticated', WRONG_CREDENTIALS);
      await this.repositories.users.lock(user.id, until);
      throw new IdentityError('locked', lockedMessage(until, now), secondsUntil(until, now));
    }
    if (user.failedSignIns > 0 || user.lockedUntil) await this.repositories.users.clearFailedSignIns(user.id);
    return this.sessions.start(user, client);
  }

  /**
   * Sets a new password; the current one must match when there is one (a user who came in by a link
   * sets their first). Every other session of the user ends: whoever knew the old password is out.
   */
  async changePassword(userId: string, keepSessionId: string | null, currentPassword: string | null, newPassword: string): Promise<{ endedSessions: number }> {
    const user = await this.repositories.users.find(userId);
    if (!user) throw new IdentityError('not_found', 'No such user');
    if (user.passwordHash && !(await verifyPassword(user.passwordHash, currentPassword ?? ''))) throw new IdentityError('forbidden', 'The current password is wrong');
    checkNewPassword(newPassword);
    await this.repositories.users.setPassword(user.id, await hashPassword(newPassword));
    return { endedSessions: await this.repositories.sessions.endOthers(user.id, keepSessionId) };
  }
}
