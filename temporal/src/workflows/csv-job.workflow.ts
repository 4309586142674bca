import type { CsvJobInput, DeliveryPlan, FileOutcome, FinishedJobStatus, JobAggregations, JobOutcome, MergeStatsView } from '@sluice/contracts';
import { ActivityFailure, ApplicationFailure, condition, patched, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

import type { CsvJobActivities } from '../activities';
import { retryFailedDeliveriesSignal, setDeliveryRateSignal } from './signals';

// Kept in step with BAD_INPUT_ERROR in @sluice/contracts; a literal keeps the workflow bundle free of libraries.
const BAD_INPUT = 'BadInput';

const processing = proxyActivities<CsvJobActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: [BAD_INPUT] },
});

// Bookkeeping must eventually land whatever the outage, so it retries without a limit.
const bookkeeping = proxyActivities<CsvJobActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// A batch may wait minutes on a slow receiver's Retry-After; heartbeats say it is alive, and a crashed
// worker's batch resumes elsewhere from its last heartbeat.
const delivering = proxyActivities<CsvJobActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

function reason(error: unknown): string {
  const cause = error instanceof ActivityFailure ? (error.cause ?? error) : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function isBadInput(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === BAD_INPUT;
}

async function processFile(input: CsvJobInput, file: CsvJobInput['files'][number]): Promise<FileOutcome> {
  try {
    return await processing.parseAndValidate({ jobId: input.jobId, dataset: input.dataset, file, definition: input.definition });
  } catch (error) {
    // A file no retry can read is reported on that file; the job goes on with the others.
    if (!isBadInput(error)) throw error;
    return { uploadId: file.uploadId, rowsProcessed: 0, validRows: 0, invalidRows: 0, stagedKey: null, error: reason(error), columns: [], cleaned: {} };
  }
}

function statusOf(files: FileOutcome[]): FinishedJobStatus {
  const valid = files.reduce((sum, f) => sum + f.validRows, 0);
  if (valid === 0) return 'failed';
  return files.some((f) => f.invalidRows > 0 || f.error) ? 'partial' : 'processed';
}

function failureMessage(files: FileOutcome[]): string | null {
  const rejected = files.filter((f) => f.error);
  if (rejected.length > 0) return rejected.map((f) => f.error).join('; ');
  return files.every((f) => f.validRows === 0) ? 'No valid rows: every row failed validation' : null;
}

interface DeliveryRequests {
  /** A rate received by signal and not yet stored; undefined when there is none. */
  rate?: { rateLimit: number | null };
  retries: number;
}

function listenForDeliveryRequests(jobId: string): DeliveryRequests {
  const requests: DeliveryRequests = { retries: 0 };
  setHandler(setDeliveryRateSignal, (rate) => void (requests.rate = rate));
  setHandler(retryFailedDeliveriesSignal, () => void (requests.retries += 1));
  // Running deliveries read the limit from the database, so a new rate only has to be stored.
  void (async () => {
    for (;;) {
      await condition(() => requests.rate !== undefined);
      const { rateLimit } = requests.rate as { rateLimit: number | null };
      requests.rate = undefined;
      await bookkeeping.applyDeliveryRate({ jobId, rateLimit });
    }
  })();
  return requests;
}

/**
 * Delivers the job's records batch by batch, then keeps the records for the retention period,
 * replaying failed deliveries whenever asked, counted from the end of delivery.
 */
async function deliverThenRetain(input: CsvJobInput, status: FinishedJobStatus, requests: DeliveryRequests): Promise<void> {
  const { jobId, dataset } = input;
  let plan: DeliveryPlan | null = null;
  let error: string | null = null;
  if (status !== 'failed') {
    try {
      plan = await processing.planDeliveries({ jobId });
      for (const batch of plan.batches) await delivering.deliverBatch({ jobId, dataset, recordsKey: plan.recordsKey, batch });
    } catch (failure) {
      error = reason(failure);
    }
  }
  await bookkeeping.finishDelivery({ jobId, retentionMs: input.retentionMs, error });
  const deadline = Date.now() + input.retentionMs;
  for (let served = 0; plan; ) {
    const remaining = deadline - Date.now();
    if (remaining <= 0 || !(await condition(() => requests.retries > served, remaining))) break;
    served = requests.retries;
    try {
      await delivering.redeliverFailed({ jobId, dataset, plan });
      error = null;
    } catch (failure) {
      error = reason(failure);
    }
    await bookkeeping.finishDelivery({ jobId, retentionMs: Math.max(deadline - Date.now(), 0), error });
  }
  const left = deadline - Date.now();
  if (left > 0) await sleep(left);
}

/** One job: validate every file, aggregate what is valid, record the outcome, deliver it if asked, and expire after retention. */
export async function csvJob(input: CsvJobInput): Promise<JobOutcome> {
  const requests = listenForDeliveryRequests(input.jobId);
  await bookkeeping.markProcessing({ jobId: input.jobId });
  let outcome: JobOutcome;
  try {
    const files: FileOutcome[] = [];
    for (const file of input.files) files.push(await processFile(input, file));
    const stagedKeys = files.flatMap((f) => (f.stagedKey && f.validRows > 0 ? [f.stagedKey] : []));
    const status = statusOf(files);
    const aggregations: JobAggregations | null =
      status === 'failed' ? null : await processing.aggregate({ jobId: input.jobId, dataset: input.dataset, stagedKeys });
    // Jobs recorded before result files existed replay without this step.
    let merge: MergeStatsView | null = null;
    if (patched('write-results')) {
      const columns = files.map((f) => ({ uploadId: f.uploadId, columns: f.columns }));
      merge = await processing.writeResults({
        jobId: input.jobId,
        dataset: input.dataset,
        definition: input.definition,
        stagedKeys,
        files: columns,
        records: Boolean(input.delivery),
      });
    }
    outcome = { jobId: input.jobId, status, files, aggregations, merge, error: status === 'processed' ? null : failureMessage(files) };
  } catch (error) {
    // Retries are spent (storage or worker trouble): the job fails with the reason, nothing is left hanging.
    outcome = { jobId: input.jobId, status: 'failed', files: [], aggregations: null, error: reason(error) };
  }
  await bookkeeping.finalize({ outcome, retentionMs: input.retentionMs });
  if (input.delivery) await deliverThenRetain(input, outcome.status, requests);
  else await sleep(input.retentionMs);
  await bookkeeping.expireJob({ jobId: input.jobId });
  return outcome;
}
