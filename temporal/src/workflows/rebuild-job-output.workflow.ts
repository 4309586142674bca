import type { RebuildJobOutputInput } from '@sluice/contracts';
import { proxyActivities } from '@temporalio/workflow';

import type { CsvJobActivities, OutputRebuildActivities } from '../activities';
import { BAD_INPUT } from './bad-input';
import { failureReason } from './failure-reason';

// The same options as a job's own build: the rebuild reads and merges the same staged files.
const processing = proxyActivities<CsvJobActivities & OutputRebuildActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: [BAD_INPUT] },
});

// Ending the rebuild must land whatever the outage: until it does, the job refuses further corrections.
const bookkeeping = proxyActivities<OutputRebuildActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export interface RebuildJobOutputOutcome {
  outputVersion: number;
  /** Why the rebuild failed; null when the job's output is now `outputVersion`. */
  error: string | null;
}

/**
 * Builds a finished job's output again with its rerun chain's merge corrections, as the version claimed
 * for it: the job's files as recorded, the corrections as they are now, the same build step as the job's
 * own. A failure leaves the previous version the job's output and says why on the job.
 */
export async function rebuildJobOutputWorkflow(input: RebuildJobOutputInput): Promise<RebuildJobOutputOutcome> {
  const { workspaceId, jobId, rootJobId, outputVersion } = input;
  try {
    const { files, corrections } = await processing.planOutputRebuild({ workspaceId, jobId, rootJobId });
    const results = await processing.buildResults({ workspaceId, jobId, files, failed: false, rootJobId, corrections, outputVersion });
    await bookkeeping.recordRebuiltOutput({ workspaceId, jobId, outputVersion, merge: results.merge, aggregations: results.aggregations });
    return { outputVersion, error: null };
  } catch (failure) {
    const error = `Rebuilding the output as version ${outputVersion} failed: ${failureReason(failure)}. The job keeps its previous output; its corrections are kept and apply at the next rebuild or rerun`;
    await bookkeeping.recordFailedRebuild({ workspaceId, jobId, outputVersion, error });
    return { outputVersion, error };
  }
}
