import { randomUUID } from 'node:crypto';

import type { CsvJobFile, CsvJobInput, DeliveryOptions, DeliveryPlan, FileOutcome, JobAggregations, MergeStatsView } from '@sluice/contracts';
import { BAD_INPUT_ERROR, HOUR_MS } from '@sluice/contracts';
import { ApplicationFailure } from '@temporalio/common';

import type { BuildResultsInput, CsvJobActivities, JobResults } from '../activities';
import type { ActivityCall } from './workflow-env';

// Everything the csvJob specs know about the workflow's activities and input lives here, so a change
// to the workflow's steps is adapted in this file, not in every spec.

export const RETENTION_MS = 48 * HOUR_MS;

export function csvFile(name: string, dataset?: string): CsvJobFile {
  return { uploadId: `upload-${name}`, key: `uploads/${name}.csv`, ...(dataset ? { dataset } : {}) };
}

/** A dataset job over two files, kept 48 hours, without webhook delivery (what its files are read as is on its row, which the stubs stand in for). */
/** The workspace stub jobs belong to: not the default one, so a spec sees the workspace travel. */
export const WORKSPACE = '0000000a-0000-4000-8000-00000000000a';

export function datasetJob(overrides: Partial<CsvJobInput> = {}): CsvJobInput {
  return { workspaceId: WORKSPACE, jobId: randomUUID(), dataset: 'people', files: [csvFile('crm'), csvFile('shop')], retentionMs: RETENTION_MS, ...overrides };
}

/** A pipeline job joining orders onto its base dataset, people; the orders file is untagged, so its dataset is detected. */
export function pipelineJob(overrides: Partial<CsvJobInput> = {}): CsvJobInput {
  return datasetJob({ dataset: 'customer_orders', baseDataset: 'people', files: [csvFile('people', 'people'), csvFile('orders')], ...overrides });
}

export const WEBHOOK: DeliveryOptions = { endpointId: 'endpoint-1', url: 'http://127.0.0.1:9/hook', rateLimit: 10, retryDelaysMs: [1000] };

/** What reading a file reports: 10 valid rows and no invalid ones unless told otherwise. */
export function parsed(file: CsvJobFile, rows: { valid?: number; invalid?: number } = {}): FileOutcome {
  const { valid = 10, invalid = 0 } = rows;
  return {
    uploadId: file.uploadId,
    rowsProcessed: valid + invalid,
    validRows: valid,
    invalidRows: invalid,
    stagedKey: `staging/${file.uploadId}.csv`,
    error: null,
    columns: [],
    cleaned: {},
  };
}

/** How an activity rejects input no retry can fix. */
export const badInput = (message: string) => ApplicationFailure.nonRetryable(message, BAD_INPUT_ERROR);

/** A records file cut into `batches` batches of 10 records. */
export function deliveryPlan(batches = 3): DeliveryPlan {
  return {
    recordsKey: 'results/records.ndjson',
    total: batches * 10,
    batches: Array.from({ length: batches }, (_, index) => ({ index, firstRecord: index * 10, count: 10, start: index * 1000, end: index * 1000 + 999 })),
  };
}

/** The job page's aggregations a job's results report, so specs can see them passed on. */
export const AGGREGATIONS: JobAggregations = { row_count: 20, min_value: 1, max_value: 9, per_sensor_count: { 'sensor-1': 20 } };

/** What merging the staged files reports: every staged file's 10 rows in, none merged away. */
export function mergeOf(input: BuildResultsInput): MergeStatsView {
  const rows = input.files.filter((f) => f.stagedKey).length * 10;
  return { rowsIn: rows, rowsOut: rows, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0 };
}

/**
 * What building the results returns, as the worker's activity does: a failed job's are its rejected rows
 * only, so nothing is measured or delivered. The plan is returned for every other job; the workflow
 * delivers it only when the job has a webhook.
 */
export function builtResults(input: BuildResultsInput): JobResults {
  if (input.failed) return { merge: mergeOf(input), metrics: null, aggregations: null, plan: null };
  return { merge: mergeOf(input), metrics: null, aggregations: AGGREGATIONS, plan: deliveryPlan() };
}

/** Every activity csvJob calls, as a plain function that succeeds; `overrides` replaces some for one spec. */
export function stubActivities(overrides: Partial<CsvJobActivities> = {}): CsvJobActivities {
  return {
    markProcessing: async () => undefined,
    // Untagged pipeline files are named after their dataset.
    detectFileDataset: async ({ file }) => file.key.replace(/^uploads\/|\.csv$/g, ''),
    parseAndValidate: async ({ file }) => parsed(file),
    buildResults: async (input) => builtResults(input),
    deliverBatch: async ({ batch }) => ({ delivered: batch.count, failed: 0 }),
    redeliverFailed: async () => ({ delivered: 0, failed: 0 }),
    applyDeliveryRate: async () => undefined,
    finishDelivery: async () => undefined,
    finalize: async () => undefined,
    expireJob: async () => undefined,
    loadMergeCorrections: async () => [],
    ...overrides,
  };
}

/** Makes the step that builds a job's results fail on every attempt, as when storage stays unreachable. */
export function failingResults(error: Error): Partial<CsvJobActivities> {
  return {
    buildResults: async () => {
      throw error;
    },
  };
}

/** The one step that builds a job's results from its read files (and its delivery plan), whatever the job's status; `failingResults` breaks it. */
export const RESULTS_STEP: keyof CsvJobActivities = 'buildResults';

const PER_FILE_STEPS = new Set(['detectFileDataset', 'parseAndValidate']);

/** The job's steps in the order they ran (each attempt once); per-file steps are left out, as files may be read in any order. */
export function jobSteps(calls: ActivityCall[]): string[] {
  return calls.filter((call) => !PER_FILE_STEPS.has(call.activity)).map((call) => call.activity);
}

export function callsTo(calls: ActivityCall[], activity: keyof CsvJobActivities): ActivityCall[] {
  return calls.filter((call) => call.activity === activity);
}
