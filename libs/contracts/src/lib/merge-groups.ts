/** Why a record is in its merge group. */
export const MATCH_REASONS = ['key', 'fuzzy', 'probabilistic', 'correction'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** One input record of a job: the job file it came from (upload order, from 0) and its line there. */
export interface RecordRef {
  file: number;
  line: number;
}

export interface MergeMemberView extends RecordRef {
  /** The upload's file name. */
  fileName: string;
  /** The record as it was staged (after cleaning), by field. */
  values: Record<string, string | null>;
  /** Fields whose value in the survivor came from this record. */
  contributed: string[];
  /** The evidence that put it in the group: the key alternative or fields that matched, a probability, a correction. */
  reason: MatchReason;
  /** e.g. "email", "surname + date_of_birth", "last_name ≈ (0.93) + date_of_birth"; null for the group's first record. */
  matchedOn: string | null;
  /** Probabilistic mode: the highest match probability linking it into the group; null otherwise. */
  probability: number | null;
}

export interface MergeConflictView {
  field: string;
  values: string[];
  /** A strong identifier (see DedupeConfig.strongIdentifiers) disagrees: the group is flagged. */
  strong: boolean;
}

export interface MergeGroupView {
  /** Stable within a job's output version; the `_cluster_id` column and webhook records carry it. */
  clusterId: string;
  size: number;
  /** 1 for key matches; the lowest linking probability in probabilistic mode; lower for fuzzy matches (their similarity). */
  certainty: number;
  /** Members conflict on a strong identifier. */
  flagged: boolean;
  /** A correction changed this group. */
  corrected: boolean;
  survivor: Record<string, string | null>;
  members: MergeMemberView[];
  conflicts: MergeConflictView[];
}

export const MERGE_GROUP_ORDERS = ['review', 'size', 'certainty'] as const;
/** review: flagged first, then least certain, then largest. */
export type MergeGroupOrder = (typeof MERGE_GROUP_ORDERS)[number];

/** A reviewer's correction to a job's merge, kept with the job (and its reruns) and applied on every rebuild. */
export type MergeCorrection =
  /** Take these records out of their group(s) into a group of their own (one record: it stands alone). */
  | { kind: 'split'; records: RecordRef[] }
  /** Merge the groups these records are in into one. */
  | { kind: 'join'; records: RecordRef[] };

export interface MergeCorrectionView {
  id: string;
  correction: MergeCorrection;
  createdAt: string;
  createdBy: string | null;
}

/** The job's result after its corrections are applied: a new output version, rebuilt by a workflow. */
export interface CorrectMergeResult {
  jobId: string;
  outputVersion: number;
  correction: MergeCorrectionView;
}
