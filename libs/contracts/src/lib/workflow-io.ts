import type { JobAggregations } from './aggregations';
import type { DatasetDefinition } from './dataset-definition';
import type { ColumnMappingView, MergeStatsView } from './job-views';
import type { JobStatus } from './job-status';
import type { DeliveryOptions } from './webhook-delivery';

export interface CsvJobFile {
  uploadId: string;
  key: string;
}

export interface CsvJobInput {
  jobId: string;
  dataset: string;
  files: CsvJobFile[];
  /** How long the job's objects are kept after it finishes. */
  retentionMs: number;
  /** The dataset configuration version the job runs with, carried whole so a rerun reads files the same way. */
  definition?: DatasetDefinition;
  /** Set when the job delivers its records to a webhook. */
  delivery?: DeliveryOptions;
}

export interface FileOutcome {
  uploadId: string;
  rowsProcessed: number;
  validRows: number;
  invalidRows: number;
  /** Object holding the file's valid rows, normalised; null when the file was rejected. */
  stagedKey: string | null;
  error: string | null;
  columns: ColumnMappingView[];
  /** Values changed per cleaning rule (whitespace, case, domain, number_format, date_format, boolean_format). */
  cleaned: Record<string, number>;
}

export type FinishedJobStatus = Extract<JobStatus, 'processed' | 'partial' | 'failed'>;

export interface JobOutcome {
  jobId: string;
  status: FinishedJobStatus;
  files: FileOutcome[];
  aggregations: JobAggregations | null;
  merge?: MergeStatsView | null;
  error: string | null;
}
