import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const bundle = process.env['SLUICE_WORKFLOW_BUNDLE'];
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
}
