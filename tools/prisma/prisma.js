#!/usr/bin/env node
// `npm run prisma -- <args>`: the Prisma CLI with a schema engine that works offline.
const { spawnSync } = require('node:child_process');

const { prismaEnv, PRISMA_CLI } = require('./engine-env');

const result = spawnSync(process.execPath, [PRISMA_CLI, ...process.argv.slice(2)], { stdio: 'inherit', env: prismaEnv() });
process.exit(result.status ?? 1);
