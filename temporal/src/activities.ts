import type {
  ColumnMappingView,
  CsvJobFile,
  CsvJobInput,
  DeliveryBatchPlan,
  DeliveryPlan,
  FileOutcome,
  InboxRunOutcome,
  JobAggregations,
  JobOutcome,
  MergeCorrection,
  MergeStatsView,
  MetricsSummary,
} from '@sluice/contracts';

/** One file of a job as its results are built from it. */
export interface ResultSource {
  uploadId: string;
  /** Its column mapping: rejected rows are exported under their own headers, kept columns join the result. */
  columns: ColumnMappingView[];
  /** A pipeline job's file: the dataset it was read as. */
  dataset?: string;
  /** Its staged valid rows; null when it has none. */
  stagedKey: string | null;
}

/** Every activity of a job names its workspace: the worker reaches the job's rows and objects through it. */
export interface InWorkspace {
  workspaceId: string;
}

export interface BuildResultsInput extends InWorkspace {
  jobId: string;
  /** Every file of the job, in upload order. */
  files: ResultSource[];
  /** A failed job's results are its rejected rows only: no metrics recorded, nothing to deliver. */
  failed: boolean;
  /** The first job of a rerun chain, whose metrics contribution this job replaces; the job itself when absent. */
  rootJobId?: string;
  /** The rerun chain's merge corrections, in the order they were made, applied over the dataset's own matching. */
  corrections?: MergeCorrection[];
  /**
   * The output version being built: 1 (or absent) for the job's own build; above 1 for a rebuild after a merge
   * correction, which replaces the results, provenance and metrics but keeps the records already delivered to a
   * webhook and the delivery's state as they are (records are delivered once, by the job's own build).
   */
  outputVersion?: number;
}

/** What one pass over a job's staged rows built. */
export interface JobResults {
  merge: MergeStatsView;
  /** What recording the daily metrics did; null when nothing measures the source (or the job failed). */
  metrics: MetricsSummary | null;
  /** The job page's aggregations; null when the source declares none. */
  aggregations: JobAggregations | null;
  /** The webhook delivery's batches; null for a job that delivers nothing. */
  plan: DeliveryPlan | null;
}

export interface DeliverBatchInput extends InWorkspace {
  jobId: string;
  dataset: string;
  recordsKey: string;
  batch: DeliveryBatchPlan;
}

export interface RedeliverInput extends InWorkspace {
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
  markProcessing(input: InWorkspace & { jobId: string }): Promise<void>;
  /** Streams one uploaded file through parsing and validation as the job's `dataset`; stages valid rows, records invalid ones. */
  parseAndValidate(input: InWorkspace & { jobId: string; dataset: string; file: CsvJobFile }): Promise<FileOutcome>;
  /**
   * Builds the job's results in one pass: clean and rejected CSVs, records with their delivery batches
   * (delivery marked started), the daily metrics (replacing the job's contribution) and aggregations.
   */
  buildResults(input: BuildResultsInput): Promise<JobResults>;
  /** POSTs one batch of records to the job's webhook within the job's rate, retrying each record per its schedule. */
  deliverBatch(input: DeliverBatchInput): Promise<DeliveryCounts>;
  /** Replays every record on the job's failed-deliveries list. */
  redeliverFailed(input: RedeliverInput): Promise<DeliveryCounts>;
  /** Stores a new rate limit, which running deliveries pick up within a fraction of a second. */
  applyDeliveryRate(input: InWorkspace & { jobId: string; rateLimit: number | null }): Promise<void>;
  /** Records how delivery ended and starts the retention clock. */
  finishDelivery(input: InWorkspace & { jobId: string; retentionMs: number; error: string | null }): Promise<void>;
  /** Writes the outcome, the duration and the expiry time. */
  finalize(input: InWorkspace & { outcome: JobOutcome; retentionMs: number }): Promise<void>;
  /** Deletes the job's objects and marks it `expired`; metadata stays. */
  expireJob(input: InWorkspace & { jobId: string }): Promise<void>;
  /** Which of the pipeline's datasets a file belongs to, by its header row; recorded on the upload. */
  detectFileDataset(input: InWorkspace & { jobId: string; file: CsvJobFile }): Promise<string>;
  /** The merge corrections kept for a rerun chain, oldest first, which a rerun's build applies again. */
  loadMergeCorrections(input: InWorkspace & { rootJobId: string }): Promise<MergeCorrection[]>;
}

/** What building a finished job's output again takes: its files as the job recorded them, and its chain's corrections now. */
export interface OutputRebuildPlan {
  files: ResultSource[];
  corrections: MergeCorrection[];
}

/** What the rebuildJobOutputWorkflow asks of the worker, besides buildResults. */
export interface OutputRebuildActivities {
  planOutputRebuild(input: InWorkspace & { jobId: string; rootJobId: string }): Promise<OutputRebuildPlan>;
  /** Makes the rebuilt output the job's current version (merge stats, aggregations) and ends the rebuild. */
  recordRebuiltOutput(input: InWorkspace & { jobId: string; outputVersion: number; merge: MergeStatsView; aggregations: JobAggregations | null }): Promise<void>;
  /** Ends a rebuild that failed, keeping the job at its previous version, with the reason. */
  recordFailedRebuild(input: InWorkspace & { jobId: string; outputVersion: number; error: string }): Promise<void>;
}

/** What a schedule passes each run of the inboxJob workflow. */
export interface InboxJobInput {
  /** The schedule's workspace; absent in schedules made before workspaces, which are the default workspace's. */
  workspaceId?: string;
  scheduleId: string;
  /** Dataset or pipeline name. */
  source: string;
  /** The S3 prefix files are dropped under. */
  prefix: string;
  retentionMs: number;
}

export interface ClaimInboxInput extends InboxJobInput {
  workspaceId: string;
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
