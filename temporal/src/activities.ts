import type {
  ColumnMappingView,
  CsvJobFile,
  CsvJobInput,
  DatasetDefinition,
  DeliveryBatchPlan,
  DeliveryPlan,
  FileOutcome,
  InboxRunOutcome,
  JobAggregations,
  JobOutcome,
  MergeStatsView,
  MetricsSummary,
  PipelineDefinition,
} from '@sluice/contracts';

/** What a job reads its files as: one dataset's definition, or a pipeline and its datasets' definitions. */
export interface JobSpec {
  jobId: string;
  /** The dataset, or a pipeline job's pipeline, name. */
  dataset: string;
  definition?: DatasetDefinition;
  pipeline?: PipelineDefinition;
  definitions?: Record<string, DatasetDefinition>;
}

export interface ResultsInput extends JobSpec {
  stagedKeys: string[];
  /** Each file's column mapping: rejected rows are exported under their own headers, kept columns join the result. */
  files: { uploadId: string; columns: ColumnMappingView[]; dataset?: string; stagedKey?: string | null }[];
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
  /** Which of the candidate datasets a pipeline file belongs to, by its header row; recorded on the upload. */
  detectFileDataset(input: { jobId: string; file: CsvJobFile; candidates: DatasetDefinition[] }): Promise<string>;
  /** Computes the job's daily metrics from its result and replaces its contribution in Postgres; null when nothing measures this source. */
  recordMetrics(input: JobSpec & { rootJobId?: string }): Promise<MetricsSummary | null>;
}

/** What a schedule passes each run of the inboxJob workflow. */
export interface InboxJobInput {
  scheduleId: string;
  /** Dataset or pipeline name. */
  source: string;
  /** The S3 prefix files are dropped under. */
  prefix: string;
  retentionMs: number;
}

export interface ClaimInboxInput extends InboxJobInput {
  /** Chosen by the workflow, so a retried claim records the same job. */
  jobId: string;
}

export interface ClaimedInbox extends InboxRunOutcome {
  workflowId: string;
  /** The job's input; null when the inbox was empty (the job is recorded as `no_files`). */
  input: CsvJobInput | null;
}

/** What the inboxJob workflow (started by a schedule) asks of the worker. */
export interface InboxActivities {
  /** Moves every file waiting under the inbox prefix into a new job; an empty inbox records a `no_files` job. */
  claimInbox(input: ClaimInboxInput): Promise<ClaimedInbox>;
}
