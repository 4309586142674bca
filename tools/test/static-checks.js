#!/usr/bin/env node
// The checks `npm test` counts beside Jest's tests: ESLint and tsc for every project (one check per project and
// target, e.g. "api:lint"), and Prettier over the repository (one check). Run alone: `node tools/test/static-checks.js`.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ROOT } = require('../dev/profiles');

const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

// Nx writes each task's exit code of its last run here (the cache directory nx.json names, or NX_CACHE_DIRECTORY).
function nxRunFile() {
  const { cacheDirectory } = JSON.parse(fs.readFileSync(path.join(ROOT, 'nx.json'), 'utf8'));
  return path.join(path.resolve(ROOT, process.env.NX_CACHE_DIRECTORY || cacheDirectory || '.nx/cache'), 'run.json');
}

// Every project rather than `nx affected`: a fresh clone (CI's) has a single commit, its base is HEAD itself and
// affected would check nothing. Nx's cache still skips a project whose inputs have not changed since it passed.
function lintAndTypecheck() {
  const runFile = nxRunFile();
  fs.rmSync(runFile, { force: true });
  const nx = require.resolve('nx/bin/nx', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [nx, 'run-many', '-t', 'lint', 'typecheck', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...NX_ENV },
  });
  const tasks = fs.existsSync(runFile) ? JSON.parse(fs.readFileSync(runFile, 'utf8')).tasks : [];
  const failed = tasks.filter((task) => task.status !== 0).map((task) => task.taskId);
  const passed = tasks.length - failed.length;
  // Nx failing before it ran a task (a broken project graph, say) is one failure, not zero checks.
  if (result.status !== 0 && failed.length === 0) failed.push('nx run-many -t lint typecheck');
  return { passed, failed };
}

function formatCheck() {
  const prettier = require.resolve('prettier/bin/prettier.cjs', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [prettier, '--list-different', '.'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const files = result.stdout.split('\n').filter(Boolean);
  if (result.status === 0) return { passed: 1, failed: [] };
  if (files.length > 0) {
    const shown = files.slice(0, 20).join(', ');
    console.log(`Prettier: ${files.length} files are not formatted (npm run format fixes them): ${shown}${files.length > 20 ? `, and ${files.length - 20} more` : ''}`);
  }
  if (result.stderr) process.stderr.write(result.stderr);
  return { passed: 0, failed: ['format:check'] };
}

/** Runs every static check; returns how many passed and the names of those that failed. */
function runStaticChecks() {
  const checks = [lintAndTypecheck(), formatCheck()];
  const failed = checks.flatMap((check) => check.failed);
  if (failed.length > 0) console.log(`Failed checks: ${failed.join(', ')}`);
  return { passed: checks.reduce((sum, check) => sum + check.passed, 0), failed };
}

module.exports = { runStaticChecks };

if (require.main === module) {
  const { passed, failed } = runStaticChecks();
  console.log(`${passed} passed, ${failed.length} failed`);
  process.exit(failed.length > 0 ? 1 : 0);
}
