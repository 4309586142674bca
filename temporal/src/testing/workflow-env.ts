import { randomUUID } from 'node:crypto';

import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';

import { datasetSearchAttribute, statusSearchAttribute } from '../search-attributes';

// Workflow unit specs: the real workflow bundle on Temporal's time-skipping test server, with activities
// replaced by plain functions that record their calls. No Postgres, no S3: only the workflows' own logic.

/** One activity call as the stub saw it; `scheduledAt` is the server's (skipped) clock, so waits can be measured. */
export interface ActivityCall {
  activity: string;
  input: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  attempt: number;
  scheduledAt: number;
}

type Activity = (input: any) => Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface WorkflowSpecEnv {
  /** The time-skipping server: its client skips time while a test awaits a result, `sleep` skips it on demand. */
  env: TestWorkflowEnvironment;
  /** The task queue the spec file's worker polls. */
  taskQueue: string;
  /**
   * Gives the workflow run with this id its own activities (plain functions) and returns the calls they
   * record, in order. Runs are kept apart by id, so a workflow one test leaves running (a job's retention,
   * an abandoned child) never reaches another test's stubs.
   */
  stub(workflowId: string, activities: object): ActivityCall[];
  teardown(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the workflow specs through temporal/jest.config.ts, whose global setup provides it`);
  return value;
}

// The SDK gives the server 5 s to listen and stops it when it misses that; a JVM starting on a loaded
// machine can, so a slow start is tried again.
async function createTimeSkipping(path: string, attempts = 3): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    } catch (error) {
      if (attempt >= attempts || !/did not start within/.test(String(error))) throw error;
    }
  }
}

/**
 * Errors only: the SDK warns of every activity failure (which specs cause on purpose), logs every worker
 * state change, and its core warns on every worker start that the test server lacks a capability of
 * newer servers which no workflow relies on. Once per spec file, before any worker.
 */
export function installQuietRuntime(): void {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
}

async function startServer(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const env = await createTimeSkipping(required('TEMPORAL_TEST_SERVER_PATH'));
  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: { [datasetSearchAttribute.name]: keyword, [statusSearchAttribute.name]: keyword },
  });
  return env;
}

/**
 * Starts a private time-skipping server (a fresh clock and history) and one worker with the bundled
 * workflows for a spec file. `activityNames` are the activities the workflows may call; each call goes
 * to the stubs its workflow run was given with `stub`.
 */
export async function startWorkflowSpecEnv(activityNames: string[]): Promise<WorkflowSpecEnv> {
  const env = await startServer();
  const runs = new Map<string, { activities: Record<string, Activity>; calls: ActivityCall[] }>();
  const dispatch = async (activity: string, input: unknown) => {
    const { attempt, currentAttemptScheduledTimestampMs, workflowExecution } = Context.current().info;
    const run = runs.get(workflowExecution?.workflowId ?? '');
    if (!run?.activities[activity]) throw ApplicationFailure.nonRetryable(`No stub for ${activity} in workflow ${workflowExecution?.workflowId}: give it one with stub()`);
    run.calls.push({ activity, input, attempt, scheduledAt: currentAttemptScheduledTimestampMs });
    return run.activities[activity](input);
  };
  const taskQueue = `specs-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: required('SLUICE_WORKFLOW_BUNDLE') },
    activities: Object.fromEntries(activityNames.map((activity) => [activity, (input: unknown) => dispatch(activity, input)])),
  }).catch(async (error) => {
    await env.teardown();
    throw error;
  });
  const running = worker.run();
  // A worker that stops early fails the teardown, which awaits it; until then the rejection is not unhandled.
  running.catch(() => undefined);
  return {
    env,
    taskQueue,
    stub(workflowId, activities) {
      const calls: ActivityCall[] = [];
      runs.set(workflowId, { activities: activities as Record<string, Activity>, calls });
      return calls;
    },
    async teardown() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

// A JVM and a worker starting on a loaded two-core machine.
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Registers a spec file's hooks: the environment starts before its first test and is torn down after the
 * last, even when starting it outran the hook's timeout (a worker left polling would keep Jest from exiting).
 */
export function useWorkflowSpecEnv(activityNames: string[]): Omit<WorkflowSpecEnv, 'teardown'> {
  let started: Promise<WorkflowSpecEnv> | undefined;
  let current: WorkflowSpecEnv | undefined;
  beforeAll(async () => {
    started = startWorkflowSpecEnv(activityNames);
    current = await started;
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await (await started?.catch(() => undefined))?.teardown();
  }, STARTUP_TIMEOUT_MS);
  const get = () => {
    if (!current) throw new Error('The workflow spec environment did not start (see the beforeAll failure)');
    return current;
  };
  return {
    get env() {
      return get().env;
    },
    get taskQueue() {
      return get().taskQueue;
    },
    stub: (workflowId, activities) => get().stub(workflowId, activities),
  };
}

/** Waits (in real time) until `predicate` holds, e.g. until a workflow has reached a step. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
