// PostgreSQL 15 from Debian, run as the `postgres` user on loopback with its data under the profile's folder.
const fs = require('node:fs');
const path = require('node:path');

const { portOpen, run, waitFor } = require('./processes');

function findPgBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

function installPostgres(log) {
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed: run "apt-get install -y postgresql" or set DATABASE_URL');
  log('Installing PostgreSQL from Debian packages (apt-get)…');
  run('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'ignore' });
  return findPgBin();
}

const isRoot = () => process.getuid?.() === 0;

// initdb and pg_ctl refuse to run as root.
function asPostgres(command, args) {
  return isRoot() ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
}

function ownDir(dir) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isRoot()) run('chown', ['-R', 'postgres:postgres', dir]);
}

async function startPostgres(profile, log) {
  const port = profile.ports.postgres;
  const home = path.join(profile.dataDir, 'postgres');
  const pgData = path.join(home, 'data');
  const logFile = path.join(home, 'server.log');
  if (!(await portOpen(port))) {
    const bin = findPgBin() ?? installPostgres(log);
    ownDir(home);
    if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
      log(`Initialising a PostgreSQL cluster in ${pgData}`);
      asPostgres(path.join(bin, 'initdb'), ['-D', pgData, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale']);
    }
    asPostgres(path.join(bin, 'pg_ctl'), ['-D', pgData, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${home}`, 'start']);
  }
  await waitFor('PostgreSQL', () => portOpen(port), { logFile });
  return { port, pgData };
}

async function stopPostgres(profile) {
  const pgData = path.join(profile.dataDir, 'postgres', 'data');
  const bin = findPgBin();
  if (!bin || !fs.existsSync(path.join(pgData, 'postmaster.pid'))) return false;
  asPostgres(path.join(bin, 'pg_ctl'), ['-D', pgData, '-m', 'fast', '-w', 'stop']);
  return true;
}

/** Creates the database if it is missing; `fresh` drops it first (tests start from nothing). */
async function ensureDatabase(serverUrl, database, { fresh = false } = {}) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

module.exports = { startPostgres, stopPostgres, ensureDatabase };
