import { CSV_JOB_WORKFLOW, type CsvJobInput, HOUR_MS, workflowIdForJob } from '@sluice/contracts';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

import type { CsvJobActivities } from '../activities';
import { csvJobStartOptions } from '../job-start-options';
import { statusSearchAttribute } from '../search-attributes';
import {
  AGGREGATIONS,
  badInput,
  callsTo,
  csvFile,
  datasetJob,
  deliveryPlan,
  failingResults,
  jobSteps,
  parsed,
  pipelineJob,
  RESULTS_STEP,
  RETENTION_MS,
  stubActivities,
  WEBHOOK,
  WORKSPACE,
} from '../testing/csv-job-stubs';
import { type ActivityCall, eventually, useWorkflowSpecEnv } from '../testing/workflow-env';
import type { csvJob } from './csv-job.workflow';
import { retryFailedDeliveriesSignal, setDeliveryRateSignal } from './signals';

// A timer set right after a step fires this long after it at most (workflow tasks between them take real milliseconds).
const SLACK_MS = 60_000;

describe('csvJob', () => {
  const specs = useWorkflowSpecEnv(Object.keys(stubActivities()));

  async function start(input: CsvJobInput, overrides: Partial<CsvJobActivities> = {}, options: { searchAttributes?: boolean } = {}) {
    const calls = specs.stub(workflowIdForJob(input.jobId), stubActivities(overrides));
    const startOptions = csvJobStartOptions(input, specs.taskQueue);
    if (options.searchAttributes === false) startOptions.typedSearchAttributes = [];
    const handle: WorkflowHandle<typeof csvJob> = await specs.env.client.workflow.start<typeof csvJob>(CSV_JOB_WORKFLOW, startOptions);
    return { handle, calls };
  }

  /** Runs a job to its end; awaiting the result skips the retention's 48 hours. */
  async function run(input: CsvJobInput, overrides: Partial<CsvJobActivities> = {}) {
    const { handle, calls } = await start(input, overrides);
    return { outcome: await handle.result(), calls, handle };
  }

  const parsedBy = (rows: Record<string, { valid?: number; invalid?: number }>): Partial<CsvJobActivities> => ({
    parseAndValidate: async ({ file }) => parsed(file, rows[file.uploadId]),
  });
  const only = (calls: ActivityCall[], activity: keyof CsvJobActivities) => {
    const found = callsTo(calls, activity);
    expect(found).toHaveLength(1);
    return found[0];
  };

  describe('status', () => {
    it('is processed when every row of every file is valid, and the outcome it returns is the one recorded', async () => {
      const input = datasetJob();
      const { outcome, calls } = await run(input);
      expect(outcome).toMatchObject({ jobId: input.jobId, status: 'processed', error: null });
      expect(outcome.files.map((f) => [f.uploadId, f.validRows])).toEqual([
        ['upload-crm', 10],
        ['upload-shop', 10],
      ]);
      expect(jobSteps(calls)).toEqual(['markProcessing', RESULTS_STEP, 'finalize', 'expireJob']);
      expect(only(calls, 'finalize').input).toEqual({ workspaceId: WORKSPACE, outcome, retentionMs: RETENTION_MS });
    });

    it("names the job's workspace to every activity, and the default workspace for a job started before workspaces", async () => {
      const { calls } = await run(datasetJob());
      expect(calls.map((call) => call.input.workspaceId)).toEqual(calls.map(() => WORKSPACE));
      const { workspaceId: _none, ...legacy } = datasetJob();
      const { calls: legacyCalls } = await run(legacy);
      expect(legacyCalls.map((call) => call.input.workspaceId)).toEqual(legacyCalls.map(() => '00000000-0000-4000-8000-000000000001'));
    });

    it('builds the results in one step from every file in upload order, and reports its merge and aggregations', async () => {
      const input = datasetJob();
      const { outcome, calls } = await run(input);
      expect(only(calls, RESULTS_STEP).input).toEqual({
        workspaceId: WORKSPACE,
        jobId: input.jobId,
        files: [
          { uploadId: 'upload-crm', columns: [], stagedKey: 'staging/upload-crm.csv' },
          { uploadId: 'upload-shop', columns: [], stagedKey: 'staging/upload-shop.csv' },
        ],
        failed: false,
      });
      expect(outcome).toMatchObject({ merge: { rowsIn: 20, rowsOut: 20 }, aggregations: AGGREGATIONS });
    });

    it("of a rerun replaces its chain's metrics: the results are built for the chain's first job", async () => {
      const { calls } = await run(datasetJob({ rootJobId: 'root-job' }));
      expect(only(calls, RESULTS_STEP).input.rootJobId).toBe('root-job');
    });

    it("of a rerun applies its chain's merge corrections again; a first job loads none", async () => {
      const split = { kind: 'split' as const, records: [{ file: 1, line: 3 }] };
      const { calls } = await run(datasetJob({ rootJobId: 'root-job' }), { loadMergeCorrections: async () => [split] });
      expect(only(calls, 'loadMergeCorrections').input).toEqual({ workspaceId: WORKSPACE, rootJobId: 'root-job' });
      expect(only(calls, RESULTS_STEP).input.corrections).toEqual([split]);
      const { calls: first } = await run(datasetJob());
      expect(callsTo(first, 'loadMergeCorrections')).toEqual([]);
      expect(only(first, RESULTS_STEP).input.corrections).toBeUndefined();
    });

    it('is partial when some rows are invalid', async () => {
      const { outcome, calls } = await run(datasetJob(), parsedBy({ 'upload-shop': { valid: 7, invalid: 3 } }));
      expect(outcome).toMatchObject({ status: 'partial', error: null });
      expect(outcome.files.map((f) => f.invalidRows)).toEqual([0, 3]);
      expect(jobSteps(calls)).toEqual(['markProcessing', RESULTS_STEP, 'finalize', 'expireJob']);
      expect(only(calls, RESULTS_STEP).input.failed).toBe(false);
    });

    it('is failed, saying why, when no row is valid; a failed job records no aggregations or metrics', async () => {
      const { outcome, calls } = await run(datasetJob(), parsedBy({ 'upload-crm': { valid: 0, invalid: 5 }, 'upload-shop': { valid: 0, invalid: 2 } }));
      expect(outcome).toMatchObject({ status: 'failed', error: 'No valid rows: every row failed validation', aggregations: null });
      expect(jobSteps(calls)).toEqual(['markProcessing', RESULTS_STEP, 'finalize', 'expireJob']);
      // Its results are its rejected rows only: the step measures nothing and stages no file's rows.
      const results = only(calls, RESULTS_STEP).input;
      expect(results.failed).toBe(true);
      expect(results.files.map((f: { stagedKey: string | null }) => f.stagedKey)).toEqual([null, null]);
    });

    it("of a pipeline comes from its base dataset's rows: none valid fails the job whatever the other datasets hold", async () => {
      const { outcome, calls } = await run(pipelineJob(), parsedBy({ 'upload-people': { valid: 0, invalid: 4 } }));
      expect(outcome).toMatchObject({ status: 'failed', error: "No valid people rows: the pipeline's result is built on them" });
      // The untagged file's dataset was detected from its header; the tagged one was taken as tagged.
      expect(callsTo(calls, 'detectFileDataset').map((call) => call.input.file.uploadId)).toEqual(['upload-orders']);
      expect(outcome.files.map((f) => [f.uploadId, f.dataset, f.validRows])).toEqual([
        ['upload-people', 'people', 0],
        ['upload-orders', 'orders', 10],
      ]);
      const results = only(calls, RESULTS_STEP).input;
      expect(results.failed).toBe(true);
      expect(results.files.map((f: { uploadId: string; dataset?: string; stagedKey: string | null }) => [f.uploadId, f.dataset, f.stagedKey])).toEqual([
        ['upload-people', 'people', null],
        ['upload-orders', 'orders', 'staging/upload-orders.csv'],
      ]);
    });

    it('of a pipeline whose base rows are valid is partial when a joined dataset has invalid rows', async () => {
      const { outcome, calls } = await run(pipelineJob(), parsedBy({ 'upload-orders': { valid: 0, invalid: 3 } }));
      expect(outcome).toMatchObject({ status: 'partial', error: null });
      expect(only(calls, RESULTS_STEP).input.failed).toBe(false);
    });

    it('reports a file no retry can read on that file, reads it once, and goes on with the others', async () => {
      const { outcome, calls } = await run(datasetJob(), {
        parseAndValidate: async ({ file }) => {
          if (file.uploadId === 'upload-shop') throw badInput('File is empty: expected a header row');
          return parsed(file);
        },
      });
      expect(outcome).toMatchObject({ status: 'partial', error: 'File is empty: expected a header row' });
      expect(outcome.files[1]).toMatchObject({ uploadId: 'upload-shop', error: 'File is empty: expected a header row', validRows: 0, stagedKey: null });
      expect(callsTo(calls, 'parseAndValidate').filter((call) => call.input.file.uploadId === 'upload-shop')).toHaveLength(1);
      expect(jobSteps(calls)).toEqual(['markProcessing', RESULTS_STEP, 'finalize', 'expireJob']);
      expect(only(calls, RESULTS_STEP).input.files[1]).toEqual({ uploadId: 'upload-shop', columns: [], stagedKey: null });
    });

    it("is failed, naming every file's problem, when no file can be read", async () => {
      const { outcome } = await run(datasetJob(), {
        parseAndValidate: async ({ file }) => {
          throw badInput(`${file.key}: missing required columns`);
        },
      });
      expect(outcome).toMatchObject({ status: 'failed', error: 'uploads/crm.csv: missing required columns; uploads/shop.csv: missing required columns' });
    });

    it('is failed with the reason once a step has spent its retries, and the job is still finalised and expired', async () => {
      const { outcome, calls } = await run(datasetJob(), failingResults(new Error('Storage is unreachable (connect ECONNREFUSED)')));
      expect(outcome).toEqual({ jobId: expect.any(String), status: 'failed', files: [], aggregations: null, error: 'Storage is unreachable (connect ECONNREFUSED)' });
      expect(callsTo(calls, RESULTS_STEP).map((call) => call.attempt)).toEqual([1, 2, 3, 4, 5]);
      expect(only(calls, 'finalize').input.outcome).toEqual(outcome);
      expect(jobSteps(calls).slice(-2)).toEqual(['finalize', 'expireJob']);
    });

    it('waits out an outage of its bookkeeping, however many attempts it takes', async () => {
      let attempts = 0;
      const { outcome, calls } = await run(datasetJob(), {
        markProcessing: async () => {
          if (++attempts < 8) throw new Error('Database is unreachable');
        },
      });
      expect(outcome.status).toBe('processed');
      expect(callsTo(calls, 'markProcessing')).toHaveLength(8);
    });

    it('is published as a search attribute: processing, then the outcome, then expired', async () => {
      const input = datasetJob();
      const statusNow = async () => (await specs.env.client.workflow.getHandle(workflowIdForJob(input.jobId)).describe()).typedSearchAttributes.get(statusSearchAttribute);
      const seen: Record<string, unknown> = {};
      const { handle } = await start(input, {
        parseAndValidate: async ({ file }) => ((seen['reading'] = await statusNow()), parsed(file, { valid: 5, invalid: 1 })),
        expireJob: async () => void (seen['retained'] = await statusNow()),
      });
      await handle.result();
      expect({ ...seen, ended: await statusNow() }).toEqual({ reading: 'processing', retained: 'partial', ended: 'expired' });
    });

    it('is not published for jobs started without search attributes (runs from older releases)', async () => {
      const { handle } = await start(datasetJob(), {}, { searchAttributes: false });
      expect((await handle.result()).status).toBe('processed');
      expect((await handle.describe()).typedSearchAttributes.get(statusSearchAttribute)).toBeUndefined();
    });
  });

  describe('reading files', () => {
    // A stub that waits for something a sequential loop never brings gives up soon and for good, so the job fails fast.
    const waitInStub = (predicate: () => boolean, what: string) =>
      eventually(predicate, what, 5_000).catch((error: Error) => {
        throw ApplicationFailure.nonRetryable(error.message);
      });

    it("reads all of a job's files at once, and keeps their outcomes in upload order whichever is read first", async () => {
      const input = datasetJob({ files: [csvFile('a'), csvFile('b'), csvFile('c')] });
      const reading = new Set<string>();
      const read: string[] = [];
      const { outcome, calls } = await run(input, {
        parseAndValidate: async ({ file }) => {
          reading.add(file.uploadId);
          await waitInStub(() => reading.size === input.files.length, 'every file is being read');
          // The last file uploaded is read first, the first one last.
          const index = input.files.findIndex((f) => f.uploadId === file.uploadId);
          await waitInStub(() => read.length === input.files.length - 1 - index, `the files after ${file.uploadId} are read`);
          read.push(file.uploadId);
          return parsed(file, { valid: index + 1 });
        },
      });
      expect(outcome).toMatchObject({ status: 'processed', error: null });
      expect(read).toEqual(['upload-c', 'upload-b', 'upload-a']);
      expect(outcome.files.map((f) => [f.uploadId, f.validRows])).toEqual([
        ['upload-a', 1],
        ['upload-b', 2],
        ['upload-c', 3],
      ]);
      expect(only(calls, RESULTS_STEP).input.files.map((f: { uploadId: string }) => f.uploadId)).toEqual(['upload-a', 'upload-b', 'upload-c']);
    });

    it("reads at most four of one job's files at a time, so a job of many files does not queue them all ahead of other jobs", async () => {
      const input = datasetJob({ files: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => csvFile(name)) });
      let reading = 0;
      let most = 0;
      const { outcome } = await run(input, {
        parseAndValidate: async ({ file }) => {
          most = Math.max(most, ++reading);
          await new Promise((resolve) => setTimeout(resolve, 20));
          reading -= 1;
          return parsed(file);
        },
      });
      expect(outcome.files.map((f) => f.uploadId)).toEqual(input.files.map((f) => f.uploadId));
      expect(most).toBe(4);
    });

    it('fails the job over a file no attempt can read only once its other files are read, so none is still writing', async () => {
      let failed = false;
      let finalized = false;
      let readCrm = false;
      let crmReadWhenFinalized: boolean | undefined;
      const { outcome } = await run(datasetJob(), {
        parseAndValidate: async ({ file }) => {
          if (file.uploadId === 'upload-shop') {
            failed = true;
            throw ApplicationFailure.nonRetryable('Storage is unreachable', 'StorageError');
          }
          await waitInStub(() => failed, 'the other file has failed');
          // A workflow that went on at once would record its outcome meanwhile.
          await eventually(() => finalized, 'the outcome is recorded', 2_000).catch(() => undefined);
          readCrm = true;
          return parsed(file);
        },
        finalize: async () => {
          finalized = true;
          crmReadWhenFinalized = readCrm;
        },
      });
      expect(outcome).toMatchObject({ status: 'failed', files: [], error: 'Storage is unreachable' });
      expect(crmReadWhenFinalized).toBe(true);
    });
  });

  describe('retention', () => {
    it("expires the job's files only once the retention has passed after its outcome was recorded", async () => {
      const { handle, calls } = await start(datasetJob());
      await eventually(() => callsTo(calls, 'finalize').length === 1, 'the outcome is recorded');
      await specs.env.sleep(RETENTION_MS - SLACK_MS);
      expect(callsTo(calls, 'expireJob')).toHaveLength(0);
      await handle.result();
      const waited = only(calls, 'expireJob').scheduledAt - only(calls, 'finalize').scheduledAt;
      expect(waited).toBeGreaterThanOrEqual(RETENTION_MS);
      expect(waited).toBeLessThan(RETENTION_MS + SLACK_MS);
    });
  });

  describe('webhook delivery', () => {
    const webhookJob = () => datasetJob({ delivery: WEBHOOK });

    it('delivers the batches one at a time in order, records the end of delivery, then keeps the records for the retention', async () => {
      let delivering = 0;
      let overlapped = false;
      const { outcome, calls } = await run(webhookJob(), {
        deliverBatch: async ({ batch }) => {
          overlapped ||= delivering++ > 0;
          await new Promise((resolve) => setTimeout(resolve, 20));
          delivering--;
          return { delivered: batch.count, failed: 0 };
        },
      });
      expect(outcome.status).toBe('processed');
      expect(jobSteps(calls)).toEqual(['markProcessing', RESULTS_STEP, 'finalize', 'deliverBatch', 'deliverBatch', 'deliverBatch', 'finishDelivery', 'expireJob']);
      // The batches are those of the plan the results step returned.
      expect(callsTo(calls, 'deliverBatch').map((call) => [call.input.recordsKey, call.input.batch])).toEqual(
        deliveryPlan().batches.map((batch) => [deliveryPlan().recordsKey, batch]),
      );
      expect(overlapped).toBe(false);
      expect(only(calls, 'finishDelivery').input).toMatchObject({ error: null, retentionMs: RETENTION_MS });
      const retained = only(calls, 'expireJob').scheduledAt - only(calls, 'finishDelivery').scheduledAt;
      expect(retained).toBeGreaterThanOrEqual(RETENTION_MS);
      expect(retained).toBeLessThan(RETENTION_MS + SLACK_MS);
    });

    it('ends delivery with the reason when a batch spends its retries, sends no later batch, and still retains and expires the job', async () => {
      const { outcome, calls } = await run(webhookJob(), {
        deliverBatch: async ({ batch }) => {
          if (batch.index === 1) throw new Error('The webhook answered 503 to every attempt');
          return { delivered: batch.count, failed: 0 };
        },
      });
      expect(outcome.status).toBe('processed');
      expect([...new Set(callsTo(calls, 'deliverBatch').map((call) => call.input.batch.index))]).toEqual([0, 1]);
      expect(only(calls, 'finishDelivery').input.error).toBe('The webhook answered 503 to every attempt');
      expect(jobSteps(calls).slice(-2)).toEqual(['finishDelivery', 'expireJob']);
    });

    it('delivers nothing for a failed job, but records that delivery ended and expires the job', async () => {
      const { calls } = await run(webhookJob(), parsedBy({ 'upload-crm': { valid: 0, invalid: 1 }, 'upload-shop': { valid: 0, invalid: 1 } }));
      expect(jobSteps(calls)).toEqual(['markProcessing', RESULTS_STEP, 'finalize', 'finishDelivery', 'expireJob']);
      expect(only(calls, RESULTS_STEP).input.failed).toBe(true);
      expect(only(calls, 'finishDelivery').input.error).toBeNull();
    });

    it('replays the failed deliveries on retryFailedDeliveries during retention, without moving the expiry', async () => {
      const input = webhookJob();
      const { handle, calls } = await start(input);
      await eventually(() => callsTo(calls, 'finishDelivery').length === 1, 'delivery has ended');
      await specs.env.sleep(10 * HOUR_MS);
      await handle.signal(retryFailedDeliveriesSignal);
      await handle.result();
      expect(jobSteps(calls).slice(-4)).toEqual(['finishDelivery', 'redeliverFailed', 'finishDelivery', 'expireJob']);
      expect(only(calls, 'redeliverFailed').input).toEqual({ workspaceId: WORKSPACE, jobId: input.jobId, dataset: 'people', plan: deliveryPlan() });
      const [delivered, replayed] = callsTo(calls, 'finishDelivery');
      // The replay's record starts the clock again with what is left of the retention, not a new one.
      expect(replayed.input.error).toBeNull();
      expect(replayed.input.retentionMs).toBeLessThanOrEqual(RETENTION_MS - 10 * HOUR_MS);
      expect(replayed.input.retentionMs).toBeGreaterThan(RETENTION_MS - 10 * HOUR_MS - SLACK_MS);
      const retained = only(calls, 'expireJob').scheduledAt - delivered.scheduledAt;
      expect(retained).toBeGreaterThanOrEqual(RETENTION_MS);
      expect(retained).toBeLessThan(RETENTION_MS + SLACK_MS);
    });

    it('records why a replay failed', async () => {
      const { handle, calls } = await start(webhookJob(), {
        redeliverFailed: async () => {
          throw new Error('The webhook is still down');
        },
      });
      await eventually(() => callsTo(calls, 'finishDelivery').length === 1, 'delivery has ended');
      await handle.signal(retryFailedDeliveriesSignal);
      await handle.result();
      expect(callsTo(calls, 'finishDelivery').map((call) => call.input.error)).toEqual([null, 'The webhook is still down']);
    });

    it('stores a rate from setDeliveryRate while a batch is still delivering, and again during retention', async () => {
      let stored = 0;
      const { handle, calls } = await start(webhookJob(), {
        applyDeliveryRate: async () => void stored++,
        // Running deliveries read the rate from the database: it must be stored without waiting for the batch.
        deliverBatch: async ({ batch }) => {
          if (batch.index === 0) await eventually(() => stored === 1, 'the new rate is stored', 10_000);
          return { delivered: batch.count, failed: 0 };
        },
      });
      await eventually(() => callsTo(calls, 'deliverBatch').length === 1, 'the first batch is delivering');
      await handle.signal(setDeliveryRateSignal, { rateLimit: 5 });
      await eventually(() => callsTo(calls, 'finishDelivery').length === 1, 'delivery has ended');
      await handle.signal(setDeliveryRateSignal, { rateLimit: null });
      await eventually(() => stored === 2, 'the second rate is stored');
      await handle.result();
      expect(callsTo(calls, 'applyDeliveryRate').map((call) => call.input)).toEqual([
        { workspaceId: WORKSPACE, jobId: expect.any(String), rateLimit: 5 },
        { workspaceId: WORKSPACE, jobId: expect.any(String), rateLimit: null },
      ]);
      expect(callsTo(calls, 'deliverBatch').map((call) => call.attempt)).toEqual([1, 1, 1]);
    });
  });
});
