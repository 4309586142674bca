// Prisma's CLI downloads a native schema engine, which this network does not allow; when none is
// present, point it at the wasm-backed stand-in next to this file.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const SHIM = path.join(__dirname, 'schema-engine-wasm.mjs');
const PRISMA_CLI = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');

function nativeEngineInstalled() {
  const dir = path.join(ROOT, 'node_modules', '@prisma', 'engines');
  return fs.existsSync(dir) && fs.readdirSync(dir).some((name) => name.startsWith('schema-engine'));
}

function prismaEnv(extra = {}) {
  const env = { ...process.env, ...extra, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !nativeEngineInstalled()) env.PRISMA_SCHEMA_ENGINE_BINARY = SHIM;
  return env;
}

/** Runs the Prisma CLI with the engine it can use; throws with its output when it fails. */
function runPrisma(args, { env = {}, stdio = 'pipe' } = {}) {
  const result = spawnSync(process.execPath, [PRISMA_CLI, ...args], { cwd: ROOT, env: prismaEnv(env), encoding: 'utf8', stdio });
  if (result.status !== 0) {
    throw new Error(`prisma ${args.join(' ')} failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout;
}

module.exports = { prismaEnv, runPrisma, PRISMA_CLI };
