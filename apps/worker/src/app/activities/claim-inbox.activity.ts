import { ClaimInbox, JobRequestError } from '@sluice/jobs';
import type { ClaimInboxInput, ClaimedInbox } from '@sluice/temporal';
import { ApplicationFailure } from '@temporalio/activity';

import type { ActivityDeps } from './activity-deps';

/**
 * The ClaimInbox use case as an activity. A claim it refuses (an unknown source, a pipeline that no
 * longer fits its datasets) fails the run for good: no retry can fix it.
 */
export async function claimInbox(deps: ActivityDeps, input: ClaimInboxInput): Promise<ClaimedInbox> {
  try {
    return await new ClaimInbox({ jobs: deps.db.jobs, jobSpecs: deps.db.jobSpecs, store: deps.store }).run(input);
  } catch (error) {
    if (error instanceof JobRequestError) throw ApplicationFailure.nonRetryable(error.message);
    throw error;
  }
}
