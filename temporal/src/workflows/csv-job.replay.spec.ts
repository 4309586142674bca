import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Worker } from '@temporalio/worker';

import { historyFromJson } from '../testing/history-json';
import { installQuietRuntime } from '../testing/workflow-env';

// Jobs a new worker finds open when it deploys were started by the workflow before one-pass results:
// replaying their histories must take the steps they took (legacy-results.ts, behind
// patched('one-pass-results')), or the worker fails their workflow tasks with a DeterminismViolationError.
// The fixtures were recorded from that workflow by testing/record-legacy-histories.ts; they and this spec
// go when legacy-results.ts does.

const FIXTURES = join(__dirname, '__fixtures__');
const recorded = readdirSync(FIXTURES).filter((file) => /^legacy-csv-job-.*\.json$/.test(file));

const scheduled = (history: ReturnType<typeof historyFromJson>) => (history.events ?? []).flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);

describe('csvJob replays a history recorded before one-pass results', () => {
  beforeAll(installQuietRuntime);

  it('has histories to replay', () => {
    expect(recorded).toEqual(['legacy-csv-job-pipeline-expired.json', 'legacy-csv-job-webhook-failed.json', 'legacy-csv-job-webhook-partial.json']);
  });

  it.each(recorded)('%s', async (file) => {
    const history = historyFromJson(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
    // The old steps, so the replay goes through the legacy path and not today's.
    expect(scheduled(history)).toContain('writeResults');
    expect(scheduled(history)).not.toContain('buildResults');
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env['SLUICE_WORKFLOW_BUNDLE'] as string } }, history);
  });
});
