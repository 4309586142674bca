/* eslint-disable @typescript-eslint/no-require-imports -- the dev stack and Prisma tooling (tools/dev, tools/prisma) are plain CommonJS, loaded by path */
import { join } from 'node:path';

// The dev tools are CommonJS files that find the repository from their own location: load them from there.
export const tool = (file: string) => require(join(process.cwd(), 'tools', file));

/** Starts Postgres on the "bench" profile's port with the schema migrated; returns its URL. */
export async function startBenchDatabase(): Promise<string> {
  const { resolveProfile } = tool('dev/profiles.js');
  const { startPostgres, ensureDatabase } = tool('dev/services/postgres.js');
  const { runPrisma } = tool('prisma/engine-env.js');
  const profile = resolveProfile('bench');
  const { port } = await startPostgres(profile, () => undefined);
  const server = `postgresql://postgres@127.0.0.1:${port}`;
  await ensureDatabase(`${server}/postgres`, 'sluice', { fresh: false });
  const url = `${server}/sluice`;
  runPrisma(['migrate', 'deploy'], { env: { DATABASE_URL: url } });
  return url;
}

export async function stopBenchDatabase(): Promise<void> {
  await tool('dev/services/postgres.js').stopPostgres(tool('dev/profiles.js').resolveProfile('bench'));
}
