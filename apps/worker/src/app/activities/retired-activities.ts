import { ApplicationFailure } from '@temporalio/activity';

const RETIRED = 'ActivityRetired';

function retired(): never {
  throw ApplicationFailure.nonRetryable(
    'This job was started by an earlier release of Sluice, which built results in steps this release no longer has; rerun the job (POST /api/jobs/:id/rerun) to process its files again',
    RETIRED,
  );
}

/**
 * The steps results took before they were built in one pass. A job caught between them when the new
 * worker deployed replays the old steps (temporal/src/workflows/legacy-results.ts); without these it would
 * fail with Temporal's "activity is not registered" text. They fail at once with what to do instead.
 * Delete them with legacy-results.ts.
 */
export const retiredActivities = {
  aggregate: async (): Promise<never> => retired(),
  writeResults: async (): Promise<never> => retired(),
  recordMetrics: async (): Promise<never> => retired(),
  planDeliveries: async (): Promise<never> => retired(),
};
