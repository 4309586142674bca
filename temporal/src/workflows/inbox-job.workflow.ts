import type { InboxRunOutcome } from '@sluice/contracts';
import { ParentClosePolicy, proxyActivities, startChild, uuid4 } from '@temporalio/workflow';

import type { InboxActivities, InboxJobInput } from '../activities';
import { datasetSearchAttribute, statusSearchAttribute } from '../search-attributes';
import { csvJob } from './csv-job.workflow';
import { workspaceOf } from './workspace-of';

const inbox = proxyActivities<InboxActivities>({
  startToCloseTimeout: '10 minutes',
  // The worker heartbeats every activity on a timer: a crashed one is noticed in seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * One scheduled run: collects the files dropped in the inbox since the last run into one job and
 * starts that job's own workflow, which outlives this run (it keeps the job for its retention).
 */
export async function inboxJob(input: InboxJobInput): Promise<InboxRunOutcome> {
  const claimed = await inbox.claimInbox({ ...input, workspaceId: workspaceOf(input), jobId: uuid4() });
  if (claimed.input) {
    await startChild(csvJob, {
      workflowId: claimed.workflowId,
      args: [claimed.input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: datasetSearchAttribute, value: input.source },
        { key: statusSearchAttribute, value: 'waiting' },
      ],
    });
  }
  return { jobId: claimed.jobId, files: claimed.files };
}
