import type { MatchReason, MergeConflictView, MergeGroupView, MergeMemberView, RecordRef } from '@sluice/contracts';

/** One member's value of a field, and what it has to do with the survivor's. */
export interface GridCell {
  value: string | null;
  /** The survivor took this field's value from this record. */
  contributed: boolean;
  /** The field's values disagree within the group, and this one is not the survivor's. */
  conflicting: boolean;
}

/** One field across the group: the survivor's value, then each member's in the group's member order. */
export interface GridRow {
  field: string;
  survivor: string | null;
  cells: GridCell[];
  conflict: MergeConflictView | null;
}

/**
 * The side-by-side table of a group: one row per field, the survivor's fields in their order first, then
 * any only members hold. Fields empty in every record are left out: they say nothing about the merge.
 */
export function mergeGroupGrid(group: MergeGroupView): GridRow[] {
  const fields = [...Object.keys(group.survivor)];
  for (const member of group.members) for (const field of Object.keys(member.values)) if (!fields.includes(field)) fields.push(field);
  const conflicts = new Map(group.conflicts.map((conflict) => [conflict.field, conflict]));
  return fields
    .map((field): GridRow => {
      const survivor = group.survivor[field] ?? null;
      const conflict = conflicts.get(field) ?? null;
      const cells = group.members.map((member): GridCell => {
        const value = member.values[field] ?? null;
        return { value, contributed: member.contributed.includes(field), conflicting: conflict !== null && value !== null && value !== survivor };
      });
      return { field, survivor, cells, conflict };
    })
    .filter((row) => row.survivor !== null || row.cells.some((cell) => cell.value !== null));
}

/** How a record is named on the page: its file and line, as the job's files and rejected rows name them. */
export function recordLabel(member: Pick<MergeMemberView, 'fileName' | 'line'>): string {
  return `${member.fileName} line ${member.line}`;
}

/** A record's identity within a job, for selections. */
export function recordKey(ref: RecordRef): string {
  return `${ref.file}:${ref.line}`;
}

const REASON_LABELS: Record<MatchReason, string> = {
  key: 'Same key',
  fuzzy: 'Similar name',
  probabilistic: 'Probabilistic match',
  correction: 'Joined by a correction',
};

/** Why a member is in its group, in words: the kind of evidence, what matched and how likely. */
export function describeEvidence(member: MergeMemberView): string {
  if (member.matchedOn === null && member.reason !== 'correction') return 'First record of the group';
  const what = member.matchedOn ? `${REASON_LABELS[member.reason]}: ${member.matchedOn}` : REASON_LABELS[member.reason];
  return member.probability === null ? what : `${what}, probability ${formatShare(member.probability)}`;
}

/** A probability or certainty (0–1) as a percentage: "100 %" only when it is exactly 1. */
export function formatShare(share: number): string {
  if (share >= 1) return '100 %';
  return `${Math.min(99.9, Math.round(share * 1000) / 10).toFixed(1)} %`;
}
