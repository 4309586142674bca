import type {
  ColumnMappingView,
  CsvJobFile,
  DatasetDefinition,
  DeliveryBatchPlan,
  DeliveryPlan,
  FileOutcome,
  JobAggregations,
  JobOutcome,
  MergeStatsView,
} from '@sluice/contracts';

export interface ResultsInput {
  jobId: string;
  dataset: string;
  definition?: DatasetDefinition;
  stagedKeys: string[];
  /** Each file's column mapping: rejected rows are exported under their own headers, kept columns join the result. */
  files: { uploadId: string; columns: ColumnMappingView[] }[];
  /** Also store the merged records as JSON lines for webhook delivery. */
  records?: boolean;
}

export interface DeliverBatchInput {
  jobId: string;
  dataset: string;
  recordsKey: string;
  batch: DeliveryBatchPlan;
}

export interface RedeliverInput {
  jobId: string;
  dataset: string;
  plan: DeliveryPlan;
}

/** Records of one delivery activity that ended acknowledged or on the failed list. */
export interface DeliveryCounts {
  delivered: number;
  failed: number;
}

/** What the csvJob workflow asks of the worker; the worker's activities implement it. */
export interface CsvJobActivities {
  /** Records that processing began (status `processing`, start time). */
  markProcessing(input: { jobId: string }): Promise<void>;
  /** Streams one uploaded file through parsing and validation; stages valid rows, records invalid ones. */
  parseAndValidate(input: { jobId: string; dataset: string; file: CsvJobFile; definition?: DatasetDefinition }): Promise<FileOutcome>;
  /** Aggregates the staged valid rows of every file with DuckDB; null when the dataset defines no aggregations. */
  aggregate(input: { jobId: string; dataset: string; stagedKeys: string[] }): Promise<JobAggregations | null>;
  /** Writes the downloadable result CSVs: clean records and rejected rows with their errors. */
  writeResults(input: ResultsInput): Promise<MergeStatsView>;
  /** Counts the stored records and cuts them into batches; marks delivery as started. */
  planDeliveries(input: { jobId: string }): Promise<DeliveryPlan>;
  /** POSTs one batch of records to the job's webhook within the job's rate, retrying each record per its schedule. */
  deliverBatch(input: DeliverBatchInput): Promise<DeliveryCounts>;
  /** Replays every record on the job's failed-deliveries list. */
  redeliverFailed(input: RedeliverInput): Promise<DeliveryCounts>;
  /** Stores a new rate limit, which running deliveries pick up within a fraction of a second. */
  applyDeliveryRate(input: { jobId: string; rateLimit: number | null }): Promise<void>;
  /** Records how delivery ended and starts the retention clock. */
  finishDelivery(input: { jobId: string; retentionMs: number; error: string | null }): Promise<void>;
  /** Writes the outcome, the duration and the expiry time. */
  finalize(input: { outcome: JobOutcome; retentionMs: number }): Promise<void>;
  /** Deletes the job's objects and marks it `expired`; metadata stays. */
  expireJob(input: { jobId: string }): Promise<void>;
}
