import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CSV_JOB_WORKFLOW, type CsvJobInput, workflowIdForJob } from '@sluice/contracts';
import type { WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

import { csvJobStartOptions } from '../job-start-options';
import { retryFailedDeliveriesSignal, setDeliveryRateSignal } from '../workflows/signals';
import { historyToJson } from './history-json';
import { AGGREGATIONS, callsTo, csvFile, deliveryPlan, parsed, RETENTION_MS, stubActivities, WEBHOOK } from './csv-job-stubs';
import { eventually, useWorkflowSpecEnv } from './workflow-env';

// Records csvJob histories from the workflow as it was before one-pass results, for the replay spec
// (csv-job.replay.spec.ts): the jobs a deployment of the new worker finds open. It goes, with that spec
// and its fixtures, when legacy-results.ts does. Not a spec; run on demand:
//   node node_modules/jest/bin/jest.js -c temporal/jest.config.ts --testMatch '**/testing/record-legacy-histories.ts'
// It bundles the workflows of LEGACY_COMMIT and writes __fixtures__/legacy-csv-job-*.json.

const LEGACY_COMMIT = '999ff93';
const ROOT = join(__dirname, '../../..');
const FIXTURES = join(__dirname, '../workflows/__fixtures__');

/** The activities the old workflow called besides today's, each succeeding. */
function legacyActivities(overrides: object = {}) {
  return {
    ...stubActivities(),
    aggregate: async () => AGGREGATIONS,
    writeResults: async ({ stagedKeys }: { stagedKeys: string[] }) => ({
      rowsIn: stagedKeys.length * 10,
      rowsOut: stagedKeys.length * 10,
      duplicatesRemoved: 0,
      fieldsMerged: 0,
      conflicts: 0,
    }),
    recordMetrics: async () => null,
    planDeliveries: async () => deliveryPlan(2),
    ...overrides,
  };
}

const definition = (name: string) => ({ name, label: name, fields: [] });

/** What the old workflow was started with: a dataset job carried its definition, a pipeline job its pipeline and datasets. */
const legacyDatasetJob = (jobId: string, extra: object = {}) =>
  ({ jobId, dataset: 'people', files: [csvFile('crm'), csvFile('shop')], retentionMs: RETENTION_MS, definition: definition('people'), ...extra }) as CsvJobInput;
const legacyPipelineJob = (jobId: string) =>
  ({
    jobId,
    dataset: 'customer_orders',
    files: [csvFile('people', 'people'), csvFile('orders')],
    retentionMs: RETENTION_MS,
    pipeline: {
      name: 'customer_orders',
      label: 'Customer orders',
      base: 'people',
      joins: [{ dataset: 'orders', type: 'left', on: [{ left: 'email', right: 'email' }], columns: [{ field: 'total', aggregate: 'sum' }] }],
    },
    definitions: { people: definition('people'), orders: definition('orders') },
  }) as unknown as CsvJobInput;

// Inside the checkout, so the bundler finds the SDK in node_modules.
const LEGACY_DIR = join(ROOT, 'tmp', 'legacy-workflows');

describe('legacy csvJob histories', () => {
  afterAll(() => rmSync(LEGACY_DIR, { recursive: true, force: true }));
  beforeAll(async () => {
    rmSync(LEGACY_DIR, { recursive: true, force: true });
    mkdirSync(LEGACY_DIR, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${LEGACY_COMMIT} temporal/src | tar -x -C "${LEGACY_DIR}"`], { cwd: ROOT });
    const { code } = await bundleWorkflowCode({ workflowsPath: join(LEGACY_DIR, 'temporal/src/workflows/index.ts'), logger: new DefaultLogger('WARN') });
    writeFileSync(join(LEGACY_DIR, 'workflows.js'), code);
    // Read by the environment's own beforeAll, which runs after this one.
    process.env['SLUICE_WORKFLOW_BUNDLE'] = join(LEGACY_DIR, 'workflows.js');
  }, 120_000);
  const specs = useWorkflowSpecEnv(Object.keys(legacyActivities()));

  async function start(input: CsvJobInput, overrides: object = {}) {
    const calls = specs.stub(workflowIdForJob(input.jobId), legacyActivities(overrides));
    const handle: WorkflowHandle = await specs.env.client.workflow.start(CSV_JOB_WORKFLOW, csvJobStartOptions(input, specs.taskQueue));
    return { handle, calls };
  }

  /** Waits until the run got to `reached` and has nothing in flight: its last workflow task is done and no activity is pending. */
  async function idle(handle: WorkflowHandle, reached: () => boolean, what: string) {
    await eventually(reached, what);
    for (let tries = 0; ; tries++) {
      const { raw } = await handle.describe();
      if ((raw.pendingActivities ?? []).length === 0 && !raw.pendingWorkflowTask) return;
      if (tries >= 100) throw new Error(`${what}, but the run never went idle`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function save(handle: WorkflowHandle, name: string) {
    const history = await handle.fetchHistory();
    writeFileSync(join(FIXTURES, `legacy-csv-job-${name}.json`), `${JSON.stringify(historyToJson(history), null, 2)}\n`);
  }

  it('a partial webhook job sleeping out its retention after a replay of failed deliveries and a new rate', async () => {
    const { handle, calls } = await start(legacyDatasetJob('legacy-webhook-partial', { delivery: WEBHOOK }), {
      parseAndValidate: async ({ file }: { file: ReturnType<typeof csvFile> }) => parsed(file, file.uploadId === 'upload-shop' ? { valid: 7, invalid: 3 } : {}),
    });
    await idle(handle, () => callsTo(calls, 'finishDelivery').length === 1, 'delivery has ended');
    await handle.signal(retryFailedDeliveriesSignal);
    await idle(handle, () => callsTo(calls, 'finishDelivery').length === 2, 'the replay has ended');
    await handle.signal(setDeliveryRateSignal, { rateLimit: 5 });
    await idle(handle, () => callsTo(calls, 'applyDeliveryRate').length === 1, 'the rate is stored');
    await save(handle, 'webhook-partial');
    await handle.terminate('recorded');
  });

  it('a failed webhook job sleeping out its retention', async () => {
    const { handle, calls } = await start(legacyDatasetJob('legacy-webhook-failed', { delivery: WEBHOOK }), {
      parseAndValidate: async ({ file }: { file: ReturnType<typeof csvFile> }) => parsed(file, { valid: 0, invalid: 2 }),
    });
    await idle(handle, () => callsTo(calls, 'finishDelivery').length === 1, 'delivery has ended');
    await save(handle, 'webhook-failed');
    await handle.terminate('recorded');
  });

  it('a pipeline job with an untagged file, run to its expiry', async () => {
    const { handle } = await start(legacyPipelineJob('legacy-pipeline'));
    await handle.result();
    await save(handle, 'pipeline-expired');
  });
});
