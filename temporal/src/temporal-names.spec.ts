import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BAD_INPUT_ERROR, CSV_JOB_WORKFLOW, DEFAULT_WORKSPACE_ID, INBOX_JOB_WORKFLOW, REBUILD_JOB_OUTPUT_WORKFLOW, STORAGE_SWEEP_WORKFLOW } from '@sluice/contracts';

import searchAttributes from './search-attributes.json';
import * as workflows from './workflows';
import { BAD_INPUT } from './workflows/bad-input';
import { DEFAULT_WORKSPACE } from './workflows/workspace-of';

describe('the names Temporal sees', () => {
  it('has a workflow function, exported under its name, for every workflow type in contracts', () => {
    // Temporal's workflow type is the exported function's name: nothing else ties the two together.
    expect(Object.keys(workflows).sort()).toEqual([CSV_JOB_WORKFLOW, INBOX_JOB_WORKFLOW, REBUILD_JOB_OUTPUT_WORKFLOW, STORAGE_SWEEP_WORKFLOW].sort());
  });

  it('registers every search attribute in docker-compose.yml, for a Temporal server other than the dev stack', () => {
    const compose = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
    const registered = [...compose.matchAll(/'--search-attribute', '([^']+)'/g)].map(([, flag]) => flag);
    expect(registered.sort()).toEqual(
      Object.values(searchAttributes)
        .map((name) => `${name}=Keyword`)
        .sort(),
    );
  });

  it("treats as bad input the failure type the worker's activities throw for it", () => {
    expect(BAD_INPUT).toBe(BAD_INPUT_ERROR);
  });

  it('runs workflows started before workspaces in the default workspace of contracts', () => {
    expect(DEFAULT_WORKSPACE).toBe(DEFAULT_WORKSPACE_ID);
  });
});
