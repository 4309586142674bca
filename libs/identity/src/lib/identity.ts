import { ApiTokens } from './api-tokens';
import type { Caller } from './caller';
import { IdentityError, SIGN_IN_FIRST } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import type { IdentitySettings } from './identity-settings';
import { Members } from './members';
import { PasswordSignIn } from './password-sign-in';
import { Sessions } from './sessions';
import { SignInLinks } from './sign-in-links';
import { SignInThrottle } from './sign-in-throttle';
import { SsoAccounts } from './sso-sign-in';
import { Workspaces, type WorkspacePresets } from './workspaces';

/** The credentials a request carried. */
export interface Credentials {
  /** The Authorization header's bearer token. */
  bearer: string | null;
  /** The session cookie's secret. */
  sessionSecret: string | null;
}

/** Every identity use case over one set of repositories: what the API, the CLI and start-up share. */
export class Identity {
  readonly sessions: Sessions;
  readonly passwordSignIn: PasswordSignIn;
  readonly links: SignInLinks;
  readonly tokens: ApiTokens;
  readonly members: Members;
  readonly workspaces: Workspaces;
  readonly sso: SsoAccounts;

  constructor(repositories: IdentityRepositories, settings: IdentitySettings, presets: WorkspacePresets, { allowSsoSignUp = false } = {}) {
    this.sessions = new Sessions(repositories, settings);
    this.passwordSignIn = new PasswordSignIn(repositories, this.sessions, new SignInThrottle(settings.signInAttemptsPerIp, settings.signInWindowMs), settings);
    this.links = new SignInLinks(repositories, this.sessions, settings);
    this.tokens = new ApiTokens(repositories, settings);
    this.members = new Members(repositories, this.links);
    this.workspaces = new Workspaces(repositories, presets);
    this.sso = new SsoAccounts(repositories, this.workspaces, allowSsoSignUp);
  }

  /** Who the credentials stand for: a bearer token wins over a cookie (a script may run in a signed-in browser). */
  authenticate(credentials: Credentials): Promise<Caller> {
    if (credentials.bearer) return this.tokens.authenticate(credentials.bearer);
    if (credentials.sessionSecret) return this.sessions.authenticate(credentials.sessionSecret);
    return Promise.reject(new IdentityError('unauthenticated', SIGN_IN_FIRST));
  }
}
