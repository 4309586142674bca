import { PrismaPg } from '@prisma/adapter-pg';

import { PrismaClient } from '../generated/prisma/client';

/** The database URL from an environment the app's config passes in. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const url = env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

/** A Prisma client on the pure-JS Postgres driver: no native query engine to download. */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}
