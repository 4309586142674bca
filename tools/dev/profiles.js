// Where each service of the local stack listens. `dev` serves `npm start`; `test` is a separate stack
// with its own ports and data, so tests can run while the product is up.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const DATA_ROOT = process.env.SLUICE_DATA_DIR ? path.resolve(process.env.SLUICE_DATA_DIR) : path.join(ROOT, '.data');

const PROFILES = {
  dev: { postgres: 5432, temporal: 7233, temporalUi: 8233, minio: 9000, minioConsole: 9001, api: 3000 },
  test: { postgres: 55432, temporal: 17233, temporalUi: 18233, minio: 19000, minioConsole: 19001, api: 0 },
  // Benchmarks have ports of their own, clear of a running test stack; most use only Postgres, the people job the whole stack.
  bench: { postgres: 56432, temporal: 57233, temporalUi: 58233, minio: 59000, minioConsole: 59001, api: 0 },
};

// SLUICE_PORT_OFFSET moves every fixed port of a profile, so two checkouts can run their test stacks side by side.
function withOffset(ports, offset) {
  return Object.fromEntries(Object.entries(ports).map(([service, port]) => [service, port === 0 ? 0 : port + offset]));
}

function resolveProfile(name = 'dev') {
  if (!PROFILES[name]) throw new Error(`Unknown stack profile "${name}" (expected ${Object.keys(PROFILES).join(', ')})`);
  const offset = Number(process.env.SLUICE_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 5000) throw new Error('SLUICE_PORT_OFFSET must be a whole number from 0 to 5000');
  const ports = withOffset(PROFILES[name], offset);
  const dataDir = path.join(DATA_ROOT, name);
  return {
    name,
    root: ROOT,
    dataDir,
    runDir: path.join(dataDir, 'run'),
    logDir: path.join(dataDir, 'logs'),
    binDir: process.env.SLUICE_BIN_DIR ? path.resolve(process.env.SLUICE_BIN_DIR) : path.join(DATA_ROOT, 'bin'),
    ports,
    database: 'sluice',
    bucket: process.env.S3_BUCKET ?? 'sluice',
    minioUser: 'sluice',
    minioPassword: 'sluice-dev-secret',
  };
}

module.exports = { ROOT, DATA_ROOT, resolveProfile };
