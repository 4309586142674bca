#!/usr/bin/env node
// `npm test`: the static checks (lint and typecheck of every project, Prettier), then every test of every
// project in one Jest run (unit, integration against the real stack the integration project starts, admin),
// then one line counting both: "N passed, N failed". `--checks-only` runs just the checks, `--skip-checks` just Jest.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ensureDependencies } = require('../dev/ensure-deps');
const { ROOT } = require('../dev/profiles');
const { ensureChromium } = require('./ensure-browser');
const { runStaticChecks } = require('./static-checks');

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
  const args = process.argv.slice(2);
  const checksOnly = args.includes('--checks-only');
  const skipChecks = args.includes('--skip-checks');
  const jestArgs = args.filter((arg) => arg !== '--checks-only' && arg !== '--skip-checks');
  ensureDependencies();
  const checks = skipChecks ? { passed: 0, failed: [] } : runStaticChecks();
  if (checksOnly) {
    console.log(`${checks.passed} passed, ${checks.failed.length} failed`);
    process.exit(checks.failed.length > 0 ? 1 : 0);
  }
  ensureChromium();
  buildApps();
  const resultsFile = path.join(ROOT, '.data', 'test-results', 'jest.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  // In band: the integration suites share one stack and count what it holds.
  const jest = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', '--json', `--outputFile=${resultsFile}`, ...jestArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NODE_NO_WARNINGS: '1' },
  });
  if (!fs.existsSync(resultsFile)) {
    console.log(`${checks.passed} passed, ${checks.failed.length + 1} failed`);
    process.exit(jest.status || 1);
  }
  const summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  // A suite that cannot even load counts as a failure, not as zero tests.
  const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites + checks.failed.length;
  if (checks.failed.length > 0) console.log(`Failed checks: ${checks.failed.join(', ')}`);
  console.log(`${summary.numPassedTests + checks.passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : (jest.status ?? 1));
}

main();
