import type { DeliveryPlan, FileOutcome, JobAggregations, MergeStatsView } from '@sluice/contracts';
import { patched, proxyActivities } from '@temporalio/workflow';

import { BAD_INPUT } from './bad-input';

/**
 * The steps a job's results took before they were built in one pass (issue 12), kept only so that
 * histories recorded then replay: a job sleeping out its retention, or delivering, when the new worker
 * deployed. The worker no longer runs these activities, so a job caught between them fails with the
 * reason and can be rerun. Delete this file, and turn `patched('one-pass-results')` into
 * `deprecatePatch`, once no workflow started before then is open (retention is at most a few weeks).
 */
interface LegacyResultActivities {
  aggregate(input: { jobId: string }): Promise<JobAggregations | null>;
  writeResults(input: { jobId: string }): Promise<MergeStatsView>;
  recordMetrics(input: { jobId: string }): Promise<unknown>;
  planDeliveries(input: { jobId: string }): Promise<DeliveryPlan>;
}

// The same options the steps had: activity options are not part of what replay compares, but the
// timeouts still apply to a job that reaches a step.
const legacy = proxyActivities<LegacyResultActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: [BAD_INPUT] },
});

/** Files were parsed one after another. */
export async function parseInTurn<T>(files: T[], parse: (file: T) => Promise<FileOutcome>): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) outcomes.push(await parse(file));
  return outcomes;
}

/** aggregate, writeResults and recordMetrics, each behind the patch it was added with. */
export async function legacyResults(jobId: string, failed: boolean): Promise<{ aggregations: JobAggregations | null; merge: MergeStatsView | null }> {
  const aggregations = failed ? null : await legacy.aggregate({ jobId });
  const merge = patched('write-results') ? await legacy.writeResults({ jobId }) : null;
  if (!failed && patched('record-metrics')) await legacy.recordMetrics({ jobId });
  return { aggregations, merge };
}

export function legacyPlan(jobId: string): Promise<DeliveryPlan> {
  return legacy.planDeliveries({ jobId });
}
