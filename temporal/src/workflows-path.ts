import { join } from 'node:path';

/** Source entry of the workflow bundle in a checkout; the worker bundles from here at start-up. */
export function workflowsPathUnder(root: string): string {
  return join(root, 'temporal', 'src', 'workflows', 'index.ts');
}

/**
 * The same, where SLUICE_ROOT or the working directory says. Only for temporal-worker.service.ts until it takes the
 * worker config's workflowsPath (issue 12); then this goes, and temporal/ reads no environment.
 */
// eslint-disable-next-line no-restricted-properties -- the one read left, see above
export const workflowsPath = workflowsPathUnder(process.env['SLUICE_ROOT'] ?? process.cwd());
