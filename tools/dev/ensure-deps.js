// A fresh clone has no node_modules and no generated Prisma client: both commands start here.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ROOT } = require('./profiles');

function mtime(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

function ensureDependencies(log = console.log) {
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (mtime(installed) < mtime(path.join(ROOT, 'package-lock.json'))) {
    log('Installing npm packages (npm ci)…');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm ci failed');
  }
  // Required only now: it needs the packages installed above.
  const { runPrisma } = require('../prisma/engine-env');
  if (mtime(path.join(ROOT, 'libs/db/src/generated/prisma/client.ts')) < mtime(path.join(ROOT, 'prisma/schema.prisma'))) {
    log('Generating the Prisma client…');
    runPrisma(['generate']);
  }
}

module.exports = { ensureDependencies };
