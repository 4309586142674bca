import type { CsvJobInput, DeliveryPlan, FileOutcome, FinishedJobStatus, JobOutcome, MergeCorrection } from '@sluice/contracts';
import { condition, patched, proxyActivities, setHandler, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

import type { CsvJobActivities } from '../activities';
import { datasetSearchAttribute, statusSearchAttribute } from '../search-attributes';
import { BAD_INPUT, isBadInput } from './bad-input';
import { failureReason as reason } from './failure-reason';
import { legacyPlan, legacyResults, parseInTurn } from './legacy-results';
import { retryFailedDeliveriesSignal, setDeliveryRateSignal } from './signals';
import { workspaceOf } from './workspace-of';

// A worker that dies mid-activity is noticed only once its heartbeats stop, so the heartbeat timeout
// is what a crash costs. The worker heartbeats every activity on a timer every 2 s whatever its work
// is doing (deliveries every second), so 10 s is several missed beats; with the first retry's 1 s
// wait a crashed attempt runs again elsewhere ~11 s after the crash.
const processing = proxyActivities<CsvJobActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: [BAD_INPUT] },
});

// Bookkeeping must eventually land whatever the outage, so it retries without a limit; it heartbeats
// on a timer too, so a crash mid-step costs the heartbeat timeout, not the whole minute.
const bookkeeping = proxyActivities<CsvJobActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// A batch may wait minutes on a slow receiver's Retry-After; heartbeats every second say it is alive,
// and a crashed worker's batch resumes elsewhere ~11 s later from its stored acknowledgements.
const delivering = proxyActivities<CsvJobActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/** A pipeline file's dataset: as tagged, else detected from its headers among the pipeline's datasets. */
async function datasetOfFile(input: CsvJobInput, pipeline: boolean, file: CsvJobInput['files'][number]): Promise<string> {
  if (!pipeline) return input.dataset;
  if (file.dataset) return file.dataset;
  return processing.detectFileDataset({ workspaceId: workspaceOf(input), jobId: input.jobId, file });
}

async function processFile(input: CsvJobInput, pipeline: boolean, file: CsvJobInput['files'][number]): Promise<FileOutcome> {
  try {
    const dataset = await datasetOfFile(input, pipeline, file);
    const outcome = await processing.parseAndValidate({ workspaceId: workspaceOf(input), jobId: input.jobId, dataset, file });
    return pipeline ? { ...outcome, dataset } : outcome;
  } catch (error) {
    // A file no retry can read is reported on that file; the job goes on with the others.
    if (!isBadInput(error)) throw error;
    return { uploadId: file.uploadId, dataset: file.dataset, rowsProcessed: 0, validRows: 0, invalidRows: 0, stagedKey: null, error: reason(error), columns: [], cleaned: {} };
  }
}

// Files of one job parsed at once (the default worker's activity slots). Workers share one task queue in
// arrival order: a job that queued all of its 200 files at once would make every other job wait behind them.
const FILES_PARSED_AT_ONCE = 4;

/**
 * Every file's outcome in upload order, parsing up to FILES_PARSED_AT_ONCE at a time, once all have
 * settled: a failure is raised only when no file's activity is still writing.
 */
async function settledInOrder<F>(files: F[], parse: (file: F) => Promise<FileOutcome>): Promise<FileOutcome[]> {
  const settled: PromiseSettledResult<FileOutcome>[] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < files.length; index = next++) {
      settled[index] = await parse(files[index]).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_PARSED_AT_ONCE, files.length) }, lane));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<FileOutcome>).value);
}

/** The rows every result row comes from: a pipeline's base dataset, else all of them. */
function baseFiles(base: string | undefined, files: FileOutcome[]): FileOutcome[] {
  return base ? files.filter((f) => f.dataset === base) : files;
}

function statusOf(base: string | undefined, files: FileOutcome[]): FinishedJobStatus {
  const valid = baseFiles(base, files).reduce((sum, f) => sum + f.validRows, 0);
  if (valid === 0) return 'failed';
  return files.some((f) => f.invalidRows > 0 || f.error) ? 'partial' : 'processed';
}

function failureMessage(base: string | undefined, files: FileOutcome[]): string | null {
  const rejected = files.filter((f) => f.error);
  const problems = rejected.map((f) => f.error);
  if (base && baseFiles(base, files).every((f) => f.validRows === 0)) {
    problems.push(`No valid ${base} rows: the pipeline's result is built on them`);
  } else if (rejected.length === 0 && files.every((f) => f.validRows === 0)) {
    problems.push('No valid rows: every row failed validation');
  }
  return problems.length ? problems.join('; ') : null;
}

/** Jobs started with search attributes keep their status findable in Temporal UI; older ones are left as they were. */
function publishStatus(status: string): void {
  if (workflowInfo().typedSearchAttributes.get(datasetSearchAttribute) === undefined) return;
  upsertSearchAttributes([{ key: statusSearchAttribute, value: status }]);
}

interface DeliveryRequests {
  /** A rate received by signal and not yet stored; undefined when there is none. */
  rate?: { rateLimit: number | null };
  retries: number;
}

function listenForDeliveryRequests(workspaceId: string, jobId: string): DeliveryRequests {
  const requests: DeliveryRequests = { retries: 0 };
  setHandler(setDeliveryRateSignal, (rate) => void (requests.rate = rate));
  setHandler(retryFailedDeliveriesSignal, () => void (requests.retries += 1));
  // Running deliveries read the limit from the database, so a new rate only has to be stored.
  void (async () => {
    for (;;) {
      await condition(() => requests.rate !== undefined);
      const { rateLimit } = requests.rate as { rateLimit: number | null };
      requests.rate = undefined;
      await bookkeeping.applyDeliveryRate({ workspaceId, jobId, rateLimit });
    }
  })();
  return requests;
}

/**
 * Delivers the job's records batch by batch, then keeps the records for the retention period,
 * replaying failed deliveries whenever asked, counted from the end of delivery.
 */
async function deliverThenRetain(input: CsvJobInput, planned: () => Promise<DeliveryPlan | null>, requests: DeliveryRequests): Promise<void> {
  const { jobId, dataset } = input;
  const workspaceId = workspaceOf(input);
  let plan: DeliveryPlan | null = null;
  let error: string | null = null;
  try {
    plan = await planned();
    for (const batch of plan?.batches ?? []) await delivering.deliverBatch({ workspaceId, jobId, dataset, recordsKey: (plan as DeliveryPlan).recordsKey, batch });
  } catch (failure) {
    error = reason(failure);
  }
  await bookkeeping.finishDelivery({ workspaceId, jobId, retentionMs: input.retentionMs, error });
  const deadline = Date.now() + input.retentionMs;
  for (let served = 0; plan;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0 || !(await condition(() => requests.retries > served, remaining))) break;
    served = requests.retries;
    try {
      await delivering.redeliverFailed({ workspaceId, jobId, dataset, plan });
      error = null;
    } catch (failure) {
      error = reason(failure);
    }
    await bookkeeping.finishDelivery({ workspaceId, jobId, retentionMs: Math.max(deadline - Date.now(), 0), error });
  }
  const left = deadline - Date.now();
  if (left > 0) await sleep(left);
}

/**
 * The merge corrections a rerun applies again: those its chain's first job keeps (a first job has none yet
 * when it builds). Histories recorded before corrections existed did not load them (the patch).
 */
async function chainCorrections(workspaceId: string, input: CsvJobInput, failed: boolean): Promise<MergeCorrection[]> {
  if (!input.rootJobId || failed || !patched('merge-corrections')) return [];
  return processing.loadMergeCorrections({ workspaceId, rootJobId: input.rootJobId });
}

/** What a job was started with before its spec moved to its row: a pipeline job carried the pipeline. */
type RecordedInput = CsvJobInput & { pipeline?: { base: string } };

/**
 * One job: validate its files (together, as many at once as the worker runs activities), build its
 * results in one pass, record the outcome, deliver it if asked, and expire after retention.
 */
export async function csvJob(input: CsvJobInput): Promise<JobOutcome> {
  const workspaceId = workspaceOf(input);
  const requests = listenForDeliveryRequests(workspaceId, input.jobId);
  // Histories recorded before one-pass results replay the steps they took (see legacy-results).
  const onePass = patched('one-pass-results');
  const base = input.baseDataset ?? (input as RecordedInput).pipeline?.base;
  const pipeline = base !== undefined;
  await bookkeeping.markProcessing({ workspaceId, jobId: input.jobId });
  publishStatus('processing');
  let outcome: JobOutcome;
  let planned: () => Promise<DeliveryPlan | null> = async () => null;
  try {
    const parse = (file: CsvJobInput['files'][number]) => processFile(input, pipeline, file);
    const files = onePass ? await settledInOrder(input.files, parse) : await parseInTurn(input.files, parse);
    const status = statusOf(base, files);
    const failed = status === 'failed';
    const error = status === 'processed' ? null : failureMessage(base, files);
    if (onePass) {
      const sources = files.map((f) => ({ uploadId: f.uploadId, columns: f.columns, dataset: f.dataset, stagedKey: f.validRows > 0 ? f.stagedKey : null }));
      const corrections = await chainCorrections(workspaceId, input, failed);
      const results = await processing.buildResults({
        workspaceId,
        jobId: input.jobId,
        files: sources,
        failed,
        rootJobId: input.rootJobId,
        ...(corrections.length ? { corrections } : {}),
      });
      planned = async () => results.plan;
      outcome = { jobId: input.jobId, status, files, aggregations: results.aggregations, merge: results.merge, error };
    } else {
      const { aggregations, merge } = await legacyResults(input.jobId, failed);
      if (!failed) planned = () => legacyPlan(input.jobId);
      outcome = { jobId: input.jobId, status, files, aggregations, merge, error };
    }
  } catch (error) {
    // Retries are spent (storage or worker trouble): the job fails with the reason, nothing is left hanging.
    outcome = { jobId: input.jobId, status: 'failed', files: [], aggregations: null, error: reason(error) };
    planned = async () => null;
  }
  await bookkeeping.finalize({ workspaceId, outcome, retentionMs: input.retentionMs });
  publishStatus(outcome.status);
  if (input.delivery) await deliverThenRetain(input, planned, requests);
  else await sleep(input.retentionMs);
  await bookkeeping.expireJob({ workspaceId, jobId: input.jobId });
  publishStatus('expired');
  return outcome;
}
