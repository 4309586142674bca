/* eslint-disable @typescript-eslint/no-require-imports -- the dev stack (tools/dev) is plain CommonJS, loaded by path when Jest ends */
import { join } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  if (process.env['KEEP_TEST_STACK']) return;
  const { stopStack } = require(join(__dirname, '../../../../tools/dev/stack.js'));
  await stopStack('test');
}
