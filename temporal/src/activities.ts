import type { ColumnMappingView, CsvJobFile, DatasetDefinition, FileOutcome, JobAggregations, JobOutcome, MergeStatsView } from '@sluice/contracts';

export interface ResultsInput {
  jobId: string;
  dataset: string;
  definition?: DatasetDefinition;
  stagedKeys: string[];
  /** Each file's column mapping: rejected rows are exported under their own headers, kept columns join the result. */
  files: { uploadId: string; columns: ColumnMappingView[] }[];
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
  /** Writes the outcome, the duration and the expiry time. */
  finalize(input: { outcome: JobOutcome; retentionMs: number }): Promise<void>;
  /** Deletes the job's objects and marks it `expired`; metadata stays. */
  expireJob(input: { jobId: string }): Promise<void>;
}
