/* eslint-disable @typescript-eslint/no-require-imports */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const ROOT = join(__dirname, '../../..');

/**
 * Fetches the time-skipping test server once and bundles the workflows once per run; every spec file's
 * worker loads that bundle (the environment set here is inherited by every Jest worker).
 */
export default async function globalSetup(): Promise<void> {
  const { ensureTemporalTestServer } = require(join(ROOT, 'tools/test/ensure-temporal-test-server.js'));
  process.env['TEMPORAL_TEST_SERVER_PATH'] = ensureTemporalTestServer({ log: (line: string) => process.stderr.write(`${line}\n`) });
  const { code } = await bundleWorkflowCode({ workflowsPath: join(ROOT, 'temporal/src/workflows/index.ts'), logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'sluice-workflow-bundle-'));
  writeFileSync(join(dir, 'workflows.js'), code);
  process.env['SLUICE_WORKFLOW_BUNDLE'] = join(dir, 'workflows.js');
}
