/* eslint-disable @typescript-eslint/no-require-imports */
import { join } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  if (process.env['KEEP_TEST_STACK']) return;
  const { stopStack } = require(join(__dirname, '../../../../tools/dev/stack.js'));
  await stopStack('test');
}
