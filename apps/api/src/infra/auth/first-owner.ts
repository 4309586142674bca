import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Identity } from '@sluice/identity';

import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../tokens';

/** The log context of the first-run line, which the integration tests read the link from. */
export const FIRST_RUN_LOG_CONTEXT = 'FirstRun';

/**
 * First run: on an empty database, creates the owner of the default workspace and logs one line with
 * their one-time sign-in link, so `npm start` alone gets someone in.
 */
@Injectable()
export class FirstOwner implements OnApplicationBootstrap {
  private readonly logger = new Logger(FIRST_RUN_LOG_CONTEXT);

  constructor(
    private readonly identity: Identity,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const link = await this.identity.links.ensureFirstOwner(this.config.identity.ownerEmail);
    if (link) this.logger.log(`No users yet: ${link.user.email} is the owner. Sign in once within 24 h at ${link.url}`);
  }
}
