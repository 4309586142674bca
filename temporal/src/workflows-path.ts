import { join } from 'node:path';

/** Source entry of the workflow bundle; the worker bundles from here at start-up. */
export const workflowsPath = join(process.env['SLUICE_ROOT'] ?? process.cwd(), 'temporal', 'src', 'workflows', 'index.ts');
