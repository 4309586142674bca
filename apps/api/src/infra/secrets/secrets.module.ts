import { Module } from '@nestjs/common';

import { PlaintextSecretsSealer } from './plaintext-secrets-sealer';

/** Secrets at rest: the one-off sealing of those stored before encryption. */
@Module({ providers: [PlaintextSecretsSealer] })
export class SecretsModule {}
