import type { JobAggregations } from './aggregations';
import type { FileReadingReport } from './file-reading';
import type { ColumnMappingView, MergeStatsView } from './job-views';
import type { FinishedJobStatus } from './job-status';
import type { DeliveryOptions } from './webhook-delivery';

export interface CsvJobFile {
  uploadId: string;
  key: string;
  /** A pipeline job's file: the dataset it was tagged with; detected from its headers when absent. */
  dataset?: string;
}

export const HOUR_MS = 3_600_000;

/** Retention as workflows take it, from the hours users and configuration speak in. */
export function retentionMsOf(hours: number): number {
  return Math.round(hours * HOUR_MS);
}

/**
 * What a csvJob workflow starts with: ids, files, retention and delivery. What the files are read
 * as (the JobSpec) is on the job's row; activities load it by job id.
 */
export interface CsvJobInput {
  /** The job's workspace; absent in workflows started before workspaces, whose jobs are the default workspace's. */
  workspaceId?: string;
  jobId: string;
  /** The dataset, or a pipeline job's pipeline, name (its search attribute). */
  dataset: string;
  files: CsvJobFile[];
  /** How long the job's objects are kept after it finishes. */
  retentionMs: number;
  /** Set when the job delivers its records to a webhook. */
  delivery?: DeliveryOptions;
  /** Set for a pipeline job: its base dataset, whose rows every result row comes from (the job's status follows them). */
  baseDataset?: string;
  /** The first job of a rerun chain, whose metrics contribution this job replaces; the job itself when absent. */
  rootJobId?: string;
}

export interface FileOutcome {
  uploadId: string;
  /** The dataset the file was read as (a pipeline job's files differ). */
  dataset?: string;
  rowsProcessed: number;
  validRows: number;
  invalidRows: number;
  /** Object holding the file's valid rows, normalised; null when the file was rejected. */
  stagedKey: string | null;
  error: string | null;
  columns: ColumnMappingView[];
  /** Values changed per cleaning rule (whitespace, case, domain, number_format, date_format, boolean_format). */
  cleaned: Record<string, number>;
  /** How the file was read; absent from outcomes recorded before reading was reported. */
  reading?: FileReadingReport;
}

export interface JobOutcome {
  jobId: string;
  status: FinishedJobStatus;
  files: FileOutcome[];
  aggregations: JobAggregations | null;
  merge?: MergeStatsView | null;
  error: string | null;
}

/** What a scheduled run found in its inbox: the job it started, or none when the inbox was empty. */
export interface InboxRunOutcome {
  jobId: string;
  files: number;
}

/** What the rebuildJobOutputWorkflow starts with: the job, its rerun chain and the output version to build. */
export interface RebuildJobOutputInput {
  workspaceId: string;
  jobId: string;
  /** The first job of the job's rerun chain: its corrections apply, and its metrics contribution is replaced. */
  rootJobId: string;
  /** The version the rebuild makes (the job's current one plus one), claimed on the job's row before it starts. */
  outputVersion: number;
}
