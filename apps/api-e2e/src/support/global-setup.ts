/* eslint-disable @typescript-eslint/no-require-imports -- the dev stack (tools/dev) is plain CommonJS, loaded by path when Jest starts */
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

/** Starts a fresh test stack; the environment it returns is inherited by every Jest worker. */
export default async function globalSetup(): Promise<void> {
  const { startStack } = require(join(ROOT, 'tools/dev/stack.js'));
  const { env } = await startStack('test', { fresh: true, headless: true, log: (line: string) => process.stderr.write(`${line}\n`) });
  Object.assign(process.env, env, { SLUICE_ROOT: ROOT });
}
