import type { MergeGroupOrder, MergeGroupView, RebuildJobOutputInput, RecordRef } from '@sluice/contracts';

export interface MergeGroupsRequest {
  page: number;
  pageSize: number;
  order: MergeGroupOrder;
  flaggedOnly?: boolean;
  /** The job's file names in upload order, so members name their file. */
  fileNames: string[];
}

/**
 * Queries a local copy of a job's merge provenance (Parquet); the API implements it with DuckDB over
 * @sluice/analytics' reader, which use cases may not import.
 */
export interface MergeProvenanceReader {
  groups(provenanceFile: string, request: MergeGroupsRequest): Promise<{ items: MergeGroupView[]; total: number }>;
  /** The records among `refs` that the job has no record of. */
  unknownRecords(provenanceFile: string, refs: RecordRef[]): Promise<RecordRef[]>;
  /** The cluster each record is in, in the order given (null for a record the job does not have). */
  clustersOf(provenanceFile: string, refs: RecordRef[]): Promise<(string | null)[]>;
}

/** Starts, and looks up, the workflow that rebuilds a job's output as a new version; the apps implement it with their Temporal client. */
export interface OutputRebuildStarter {
  startOutputRebuild(input: RebuildJobOutputInput): Promise<void>;
  /** Whether the rebuild of this job and version is running (false when it ended or never started). */
  isOutputRebuildRunning(jobId: string, outputVersion: number): Promise<boolean>;
}
