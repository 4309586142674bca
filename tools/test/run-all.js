#!/usr/bin/env node
// `npm test`: every test of every project in one Jest run (unit, integration against the real
// stack the integration project starts, admin), then one line: "N passed, N failed".
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ensureDependencies } = require('../dev/ensure-deps');
const { ROOT } = require('../dev/profiles');
const { ensureChromium } = require('./ensure-browser');

// The browser tests load the built admin console from dist/; the process tests run the built API and worker.
function buildApps() {
  const nx = require.resolve('nx/bin/nx', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '-p', 'admin', 'api', 'worker', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) throw new Error('Building the admin console, API and worker failed (run "npx nx run-many -t build -p admin api worker" to see why)');
}

function main() {
  ensureDependencies();
  ensureChromium();
  buildApps();
  const resultsFile = path.join(ROOT, '.data', 'test-results', 'jest.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  // In band: the integration suites share one stack and count what it holds.
  const jest = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NODE_NO_WARNINGS: '1' } },
  );
  if (!fs.existsSync(resultsFile)) {
    console.log('0 passed, 1 failed');
    process.exit(jest.status || 1);
  }
  const summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  // A suite that cannot even load counts as a failure, not as zero tests.
  const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  console.log(`${summary.numPassedTests} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : jest.status ?? 1);
}

main();
