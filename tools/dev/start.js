#!/usr/bin/env node
// `npm start`: installs what is missing, starts PostgreSQL, Temporal and MinIO, builds and runs the
// API (which also serves the admin console) and the worker, all on loopback. Ctrl-C stops everything.
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');

const { ensureDependencies } = require('./ensure-deps');
const { ROOT } = require('./profiles');

const log = (line) => console.log(`[sluice] ${line}`);

function build() {
  log('Building API, worker and admin console…');
  const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx', { paths: [ROOT] }), 'run-many', '-t', 'build', '-p', 'api', 'worker', 'admin', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) throw new Error('Build failed (run "npx nx run-many -t build" to see why)');
}

function runApp(profile, name, env) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps', name, 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  fs.writeFileSync(path.join(profile.runDir, `${name}.pid`), String(child.pid));
  const prefix = (chunk) =>
    chunk
      .toString()
      .trimEnd()
      .split('\n')
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout.on('data', (chunk) => console.log(prefix(chunk)));
  child.stderr.on('data', (chunk) => console.error(prefix(chunk)));
  return child;
}

async function main() {
  ensureDependencies(log);
  const { startStack, stopStack } = require('./stack');
  const { profile, env, s3ConsoleUrl, temporalUiUrl } = await startStack('dev', { log });
  build();
  const port = Number(process.env.PORT ?? profile.ports.api);
  const appEnv = { ...env, PORT: String(port), ADMIN_DIST: path.join(ROOT, 'dist/apps/admin/browser'), PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}` };
  const children = [runApp(profile, 'worker', appEnv), runApp(profile, 'api', appEnv)];
  // On an empty database the API logs the first owner's one-time sign-in link: repeated below, where it is seen.
  let firstRunLink = null;
  children[1].stdout.on('data', (chunk) => (firstRunLink ??= /\S+\/sign-in#link=[A-Za-z0-9_-]+/.exec(chunk.toString())?.[0] ?? null));

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)));
    await stopStack('dev');
    log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const child of children) child.once('exit', (code) => !stopping && (log(`A process exited (${code}); stopping the rest`), stop(1)));

  const { waitFor } = require('./services/processes');
  await waitFor('API', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, { timeoutMs: 60000 });
  log('');
  log(`Admin console   http://127.0.0.1:${port}/`);
  if (firstRunLink) log(`First sign-in   ${firstRunLink}   (the owner's one-time link, valid 24 h; "npm run sign-in-link -- <email>" issues another)`);
  log(`REST API        http://127.0.0.1:${port}/api   (OpenAPI: http://127.0.0.1:${port}/docs)`);
  if (temporalUiUrl) log(`Temporal UI     ${temporalUiUrl}`);
  if (s3ConsoleUrl) log(`MinIO console   ${s3ConsoleUrl}   (user ${profile.minioUser} / ${profile.minioPassword})`);
  log(`PostgreSQL      ${env.DATABASE_URL}`);
  log('Ctrl-C (or "npm run stop") stops everything.');
}

main().catch(async (error) => {
  console.error(`[sluice] ${error.message}`);
  process.exit(1);
});
