import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WebhookEndpointsRepository } from '@sluice/db';

/**
 * Seals the webhook secrets stored in plain text before sealing existed, once, when the API starts (idempotent:
 * a second start finds none). Until then, and for a worker that starts first, the repositories read such a
 * secret as it is, so deliveries keep being signed across the upgrade.
 */
@Injectable()
export class PlaintextSecretsSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlaintextSecretsSealer.name);

  constructor(private readonly endpoints: WebhookEndpointsRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const sealed = await this.endpoints.sealPlaintextSecrets();
      if (sealed > 0) this.logger.log(`Sealed ${sealed} webhook signing secret(s) stored before encryption at rest`);
    } catch (error) {
      // Not fatal: they are read as they are, and the next start tries again. Only the error's kind is logged: a
      // query error's message can quote the values it was given, and those are the secrets.
      const kind = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown error');
      this.logger.warn(`Could not seal the webhook secrets stored in plain text yet (${kind}); they are read as they are until the next start`);
    }
  }
}
