import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaClient } from './prisma-client';
import { createRepositories, type Repositories } from './repositories';
import type { SecretBox } from './secrets/secret-box';

/** One connection pool to Postgres and the repositories over it; an app makes one and disconnects it at shutdown. */
export class Database {
  readonly repositories: Repositories;
  /** The client itself, for libs/db's own test support; apps go through `repositories`. */
  readonly client: PrismaClient;

  /** `secrets` seals what is kept secret at rest (see openSecretBox). */
  constructor(url: string, secrets: SecretBox) {
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
