import { join } from 'node:path';

/** Source entry of the workflow bundle in a checkout; the worker bundles from here at start-up. */
export function workflowsPathUnder(root: string): string {
  return join(root, 'temporal', 'src', 'workflows', 'index.ts');
}
