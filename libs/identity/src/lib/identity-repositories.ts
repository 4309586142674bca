import type { Repositories } from '@sluice/db';

/** The repositories the identity use cases work on. */
export type IdentityRepositories = Pick<Repositories, 'users' | 'workspaces' | 'sessions' | 'signInLinks' | 'apiTokens'>;
