#!/usr/bin/env node
// `npm run sign-in-link -- <email>`: for an operator who lost access, prints a one-time sign-in link for
// an existing account (valid 24 h), through the same use case as the API. Runs against DATABASE_URL, or
// the database of the `npm start` stack. The CLI proper (issue 17) will take this over.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { resolveProfile } = require('../dev/profiles');

const ROOT = path.resolve(__dirname, '../..');
const email = process.argv[2];
if (!email || process.argv.length > 3) {
  console.error('Usage: npm run sign-in-link -- <email>');
  process.exit(2);
}

function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const stackEnv = path.join(resolveProfile('dev').dataDir, 'stack.env.json');
  if (fs.existsSync(stackEnv)) return JSON.parse(fs.readFileSync(stackEnv, 'utf8')).DATABASE_URL;
  console.error('Set DATABASE_URL (or start the stack with "npm start")');
  process.exit(2);
}

(async () => {
  const pkg = require(path.join(ROOT, 'package.json'));
  const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].flatMap((name) => [name, `${name}/*`]);
  const outfile = path.join(ROOT, 'tmp', 'tools', 'sign-in-link.js');
  // esbuild follows the tsconfig path aliases to the libraries' sources; packages stay external.
  await require('esbuild').build({
    entryPoints: [path.join(__dirname, 'issue-sign-in-link.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    tsconfig: path.join(ROOT, 'tsconfig.base.json'),
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [outfile, email], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl() } });
  process.exit(run.status ?? 1);
})();
