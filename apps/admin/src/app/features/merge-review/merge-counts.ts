import type { JobDetailView, MergeStatsView } from '@sluice/contracts';

/** "1 group", "1,204 groups". */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** "2 groups, 1 flagged": a job's merge groups as the job page and the review page sum them up. */
export function groupCounts(merge: Pick<MergeStatsView, 'groups' | 'flaggedGroups'>): string {
  return `${countOf(merge.groups ?? 0, 'group')}, ${(merge.flaggedGroups ?? 0).toLocaleString('en-US')} flagged`;
}

/**
 * Whether the job page links to the review: when there are groups to review, or corrections were made
 * (a job whose every group was split has none left, and its corrections still need a place to be undone).
 */
export function hasMergesToReview(job: Pick<JobDetailView, 'merge' | 'outputVersion'>): boolean {
  return (job.merge?.groups ?? 0) > 0 || (job.outputVersion ?? 1) > 1;
}
