#!/usr/bin/env node
// The local stack that `npm start` and the tests share: PostgreSQL, Temporal and MinIO on loopback.
// Idempotent: services already running are reused; a URL given in the environment replaces the
// service it names (DATABASE_URL, TEMPORAL_ADDRESS, S3_ENDPOINT).
const fs = require('node:fs');
const path = require('node:path');

const { resolveProfile } = require('./profiles');
const { ensureDatabase, startPostgres, stopPostgres } = require('./services/postgres');
const { startTemporal } = require('./services/temporal');
const { ensureBucket, startMinio } = require('./services/minio');
const { stopDetached } = require('./services/processes');
const { runPrisma } = require('../prisma/engine-env');

function envFile(profile) {
  return path.join(profile.dataDir, 'stack.env.json');
}

async function provideDatabase(profile, log, fresh) {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const { port } = await startPostgres(profile, log);
  const server = `postgresql://postgres@127.0.0.1:${port}`;
  await ensureDatabase(`${server}/postgres`, profile.database, { fresh });
  return `${server}/${profile.database}`;
}

async function provideTemporal(profile, log, headless) {
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS, uiUrl: process.env.TEMPORAL_UI_URL ?? null };
  return startTemporal(profile, log, { headless });
}

async function provideS3(profile, log) {
  if (!process.env.S3_ENDPOINT) return startMinio(profile, log);
  const s3 = {
    endpoint: process.env.S3_ENDPOINT,
    bucket: profile.bucket,
    accessKeyId: process.env.S3_ACCESS_KEY_ID,
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY,
  };
  await ensureBucket(s3);
  return s3;
}

/**
 * Starts (or finds) every service and applies the Prisma migrations. Returns the environment the API
 * and worker read. `fresh` wipes the profile's data first, for tests that must start from nothing.
 */
async function startStack(profileName = 'dev', { fresh = false, headless = false, log = console.log } = {}) {
  const profile = resolveProfile(profileName);
  if (fresh) {
    await stopStack(profileName);
    for (const name of ['temporal.db', 'minio']) fs.rmSync(path.join(profile.dataDir, name), { recursive: true, force: true });
  }
  fs.mkdirSync(profile.dataDir, { recursive: true });
  const started = Date.now();
  const [databaseUrl, temporal, s3] = await Promise.all([provideDatabase(profile, log, fresh), provideTemporal(profile, log, headless), provideS3(profile, log)]);
  runPrisma(['migrate', 'deploy'], { env: { DATABASE_URL: databaseUrl } });
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_REGION: process.env.S3_REGION ?? 'us-east-1',
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
    // The key that seals secrets at rest, generated there on first start: one per profile, shared by API and worker.
    ...(process.env.SLUICE_SECRET_KEY ? {} : { SLUICE_SECRET_KEY_FILE: path.join(profile.dataDir, 'secret.key') }),
  };
  fs.writeFileSync(envFile(profile), JSON.stringify(env, null, 2));
  log(`Stack "${profileName}" ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { profile, env, s3ConsoleUrl: s3.consoleUrl, temporalUiUrl: temporal.uiUrl };
}

async function stopStack(profileName = 'dev') {
  const profile = resolveProfile(profileName);
  await Promise.all([stopDetached(profile, 'temporal'), stopDetached(profile, 'minio')]);
  await stopPostgres(profile);
  fs.rmSync(envFile(profile), { force: true });
}

module.exports = { startStack, stopStack };

if (require.main === module) {
  const [command = 'up', profileName = 'dev'] = process.argv.slice(2);
  const action = command === 'down' ? stopStack(profileName) : startStack(profileName).then(({ env }) => console.log(env));
  action.catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
