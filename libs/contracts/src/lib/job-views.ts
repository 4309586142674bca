import type { FileReadingReport } from './file-reading';

import type { JobAggregations } from './aggregations';
import type { MetricsSummary } from './metrics';
import type { JobStatus } from './job-status';
import type { DeliveryView, ProcessingMode } from './webhook-delivery';

/** How one column of an uploaded file was mapped to a dataset field. */
export interface ColumnMappingView {
  /** The header as it stands in the file. */
  header: string;
  /** Index of the column in the file. */
  index: number;
  /** The standard field it maps to; null when unmapped (its values are ignored). */
  field: string | null;
  /** 0–100; 100 for exact and synonym matches. */
  score: number;
  method: 'exact' | 'synonym' | 'fuzzy' | 'hint' | 'override' | 'unmapped';
  /** The best fields it could have mapped to, with scores: set when the column was left unmapped for want of certainty. */
  candidates?: { field: string; score: number }[];
}

/** What merging a job's files did. */
export interface MergeStatsView {
  rowsIn: number;
  rowsOut: number;
  duplicatesRemoved: number;
  /** Empty fields of a surviving record filled from its duplicates. */
  fieldsMerged: number;
  /** Fields whose duplicates held different values (resolved by the dataset's policy). */
  conflicts: number;
  /** A pipeline job: per joined dataset, result rows that found a match. */
  matched?: Record<string, number>;
  /** Groups of two or more records merged into one (see GET /api/jobs/:id/merges). */
  groups?: number;
  /** Groups whose members conflict on a strong identifier: merged, but flagged for review. */
  flaggedGroups?: number;
}

export interface UploadView {
  /** The file id of seed 004. */
  id: string;
  fileName: string;
  /** A pipeline job's file: the dataset it was tagged with or detected as. */
  dataset: string | null;
  sizeBytes: number;
  uploadedAt: string;
  rowsProcessed: number;
  validRows: number;
  invalidRows: number;
  /** Why the whole file was rejected (unreadable, missing columns), if it was. */
  error: string | null;
  /** The header mapping used; empty when the file was rejected before its header was read. */
  columns: ColumnMappingView[];
  /** Values changed per cleaning rule. */
  cleaned: Record<string, number>;
  /** How the file was read (encoding, dialect, header line, skipped lines); null before it was read. */
  reading: FileReadingReport | null;
}

export interface InvalidRowView {
  fileId: string;
  /** 1-based line number in the uploaded file; the header is line 1. */
  row: number;
  error: string;
}

export interface JobSummaryView {
  id: string;
  dataset: string;
  /** The dataset configuration version the job ran with. */
  datasetVersion: number | null;
  status: JobStatus;
  uploadTime: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  rowsProcessed: number;
  validRows: number;
  invalidRowCount: number;
  fileIds: string[];
  error: string | null;
  expiresAt: string | null;
  expiredAt: string | null;
  /** Set when the job joins several datasets per this pipeline (then `dataset` is its name too). */
  pipeline: string | null;
  /** The job this one reran. */
  rerunOf: string | null;
  /** The Temporal schedule that started the job. */
  scheduleId: string | null;
  /** Records merged away as duplicates; null before results are written. */
  duplicatesRemoved: number | null;
}

export interface JobDetailView extends JobSummaryView {
  workflowId: string;
  files: UploadView[];
  aggregations: JobAggregations | null;
  /** Values changed per cleaning rule, over every file. */
  cleaned: Record<string, number>;
  /** Merge and de-duplication of the valid records; null before results are written. */
  merge: MergeStatsView | null;
  /** Headers of every file that matched no field (kept or dropped per the dataset). */
  unmappedColumns: string[];
  invalidRows: { total: number; items: InvalidRowView[] };
  mode: ProcessingMode;
  /** Webhook delivery progress; null for download-mode jobs. */
  delivery: DeliveryView | null;
  /** What recording the job's daily metrics did; null when its source has no metrics. */
  metrics: MetricsSummary | null;
  /** The job's workflow in Temporal UI, when the API knows where that is. */
  temporalUrl: string | null;
  /** 1 for the job's own result; each merge correction rebuilds it as the next version. */
  outputVersion?: number;
  /** A rebuild of the output after a merge correction that is running or whose last run failed; null when none is. */
  outputRebuild?: OutputRebuildView | null;
}

/**
 * A rebuild of a job's output (see POST /api/jobs/:id/merges/corrections): while it runs, and when it
 * failed, the output stays at `JobDetailView.outputVersion`.
 */
export interface OutputRebuildView {
  state: 'running' | 'failed';
  /** The version it builds. */
  outputVersion: number;
  startedAt: string;
  /** Why it failed, as a sentence; null while it runs. */
  error: string | null;
}

export interface Paginated<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CreateUploadResult {
  jobId: string;
  status: JobStatus;
}

export interface RerunJobResult extends CreateUploadResult {
  rerunOf: string;
}

export interface HealthView {
  status: 'ok' | 'error';
  info?: Record<string, { status: string; message?: string }>;
  error?: Record<string, { status: string; message?: string }>;
}
