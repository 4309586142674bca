// Finds a Go-built server binary, or builds it once with `go install` into the shared cache folder.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

function onPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

async function ensureGoBinary(profile, { name, module, log = console.log }) {
  const cached = path.join(profile.binDir, name);
  if (fs.existsSync(cached)) return cached;
  const installed = onPath(name);
  if (installed) return installed;
  if (!onPath('go')) throw new Error(`${name} is not installed and Go is missing to build it (go install ${module})`);
  fs.mkdirSync(profile.binDir, { recursive: true });
  log(`Building ${name} with "go install ${module}" into ${profile.binDir} (first run only, a few minutes)…`);
  const started = Date.now();
  const progress = setInterval(() => log(`  …still building ${name} (${Math.round((Date.now() - started) / 1000)}s)`), 30000);
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn('go', ['install', module], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, GOBIN: profile.binDir, GOFLAGS: process.env.GOFLAGS ?? '-trimpath' },
      });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0 || !fs.existsSync(cached)) throw new Error(`go install ${module} failed (exit ${code})`);
  } finally {
    clearInterval(progress);
  }
  log(`Built ${name} in ${Math.round((Date.now() - started) / 1000)}s`);
  return cached;
}

module.exports = { ensureGoBinary };
