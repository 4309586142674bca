// Runs one of the operator commands written in TypeScript against the product's libraries: bundled by
// esbuild (which follows the tsconfig path aliases to the libraries' sources; packages stay external),
// then run with DATABASE_URL, or the database of the `npm start` stack.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { resolveProfile } = require('../dev/profiles');

const ROOT = path.resolve(__dirname, '../..');

function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const stackEnv = path.join(resolveProfile('dev').dataDir, 'stack.env.json');
  if (fs.existsSync(stackEnv)) return JSON.parse(fs.readFileSync(stackEnv, 'utf8')).DATABASE_URL;
  console.error('Set DATABASE_URL (or start the stack with "npm start")');
  process.exit(2);
}

async function runBundled(entry, args) {
  const pkg = require(path.join(ROOT, 'package.json'));
  const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].flatMap((name) => [name, `${name}/*`]);
  const outfile = path.join(ROOT, 'tmp', 'tools', `${path.basename(entry, '.ts')}.js`);
  await require('esbuild').build({
    entryPoints: [path.join(__dirname, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    tsconfig: path.join(ROOT, 'tsconfig.base.json'),
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [outfile, ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl() } });
  process.exit(run.status ?? 1);
}

module.exports = { runBundled };
