import type { Provider } from '@nestjs/common';
import { ApiTokensRepository, SessionsRepository, SignInLinksRepository, UsersRepository, WorkspacesRepository } from '@sluice/db';
import { Identity, identitySettings, type WorkspacePresets } from '@sluice/identity';

import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../tokens';
import { WORKSPACE_PRESETS } from './workspace-presets';

/** The identity use cases over the API's repositories, injectable as `Identity`. */
export const identityProvider: Provider = {
  provide: Identity,
  useFactory: (
    config: ApiConfig,
    users: UsersRepository,
    workspaces: WorkspacesRepository,
    sessions: SessionsRepository,
    signInLinks: SignInLinksRepository,
    apiTokens: ApiTokensRepository,
    presets: WorkspacePresets,
  ) =>
    new Identity(
      { users, workspaces, sessions, signInLinks, apiTokens },
      identitySettings({ publicUrl: config.identity.publicUrl, signInAttemptsPerIp: config.identity.signInAttemptsPerIp }),
      presets,
      {
        allowSsoSignUp: config.identity.allowSsoSignUp,
      },
    ),
  inject: [API_CONFIG, UsersRepository, WorkspacesRepository, SessionsRepository, SignInLinksRepository, ApiTokensRepository, WORKSPACE_PRESETS],
};
