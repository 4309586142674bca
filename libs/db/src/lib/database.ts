import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaClient } from './prisma-client';
import { createRepositories, type Repositories } from './repositories';
import type { SecretBox } from './secrets/secret-box';
import { secretBoxFromEnv } from './secrets/secret-key';

/** One connection pool to Postgres and the repositories over it; an app makes one and disconnects it at shutdown. */
export class Database {
  readonly repositories: Repositories;
  /** The client itself, for libs/db's own test support; apps go through `repositories`. */
  readonly client: PrismaClient;

  /** Seals secrets at rest; by default keyed from SLUICE_SECRET_KEY or the data folder's key file (see secret-key.ts). */
  constructor(url: string, secrets: SecretBox = secretBoxFromEnv()) {
    this.client = createPrismaClient(url);
    this.repositories = createRepositories(this.client, secrets);
  }

  /** Whether Postgres answers a trivial query. */
  async ping(): Promise<void> {
    await this.client.$queryRaw`SELECT 1`;
  }

  async disconnect(): Promise<void> {
    await this.client.$disconnect();
  }
}
