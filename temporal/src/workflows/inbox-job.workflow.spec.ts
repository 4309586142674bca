import { CSV_JOB_WORKFLOW, INBOX_JOB_WORKFLOW, workflowIdForJob } from '@sluice/contracts';
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

import type { ClaimedInbox, ClaimInboxInput, InboxActivities, InboxJobInput } from '../activities';
import { datasetSearchAttribute } from '../search-attributes';
import { callsTo, csvFile, datasetJob, RETENTION_MS, stubActivities, WORKSPACE } from '../testing/csv-job-stubs';
import { useWorkflowSpecEnv } from '../testing/workflow-env';
import type { csvJob } from './csv-job.workflow';
import type { inboxJob } from './inbox-job.workflow';

const schedule: InboxJobInput = { workspaceId: WORKSPACE, scheduleId: 'nightly-people', source: 'people', prefix: 'inbox/nightly-people/', retentionMs: RETENTION_MS };

describe('inboxJob', () => {
  const specs = useWorkflowSpecEnv(['claimInbox', ...Object.keys(stubActivities())]);

  /** Runs one scheduled run whose claim returns what `claim` makes of its input; the job it starts gets csvJob's stubs. */
  async function runInbox(claim: (input: ClaimInboxInput) => ClaimedInbox | Promise<ClaimedInbox>, args: InboxJobInput = schedule) {
    const workflowId = `inbox-${Math.random().toString(36).slice(2)}`;
    const jobCalls = new Map<string, ReturnType<typeof specs.stub>>();
    const activities: InboxActivities = {
      claimInbox: async (input) => {
        jobCalls.set(input.jobId, specs.stub(workflowIdForJob(input.jobId), stubActivities()));
        return claim(input);
      },
    };
    const calls = specs.stub(workflowId, activities);
    const outcome = await specs.env.client.workflow.execute<typeof inboxJob>(INBOX_JOB_WORKFLOW, { taskQueue: specs.taskQueue, workflowId, args: [args] });
    return { outcome, calls, jobCalls, workflowId };
  }

  const claimed = (input: ClaimInboxInput, files: number): ClaimedInbox => ({
    jobId: input.jobId,
    files,
    workflowId: workflowIdForJob(input.jobId),
    input: files === 0 ? null : datasetJob({ jobId: input.jobId, dataset: input.source, files: [csvFile('a'), csvFile('b')].slice(0, files), retentionMs: input.retentionMs }),
  });

  it("claims in the schedule's workspace, and in the default one for a schedule made before workspaces", async () => {
    const { workspaceId: _none, ...legacy } = schedule;
    const { calls } = await runInbox((input) => claimed(input, 0), legacy);
    expect(calls[0].input).toMatchObject({ workspaceId: '00000000-0000-4000-8000-000000000001', scheduleId: schedule.scheduleId });
  });

  it('records an empty inbox and starts no job', async () => {
    const { outcome, calls } = await runInbox((input) => claimed(input, 0));
    const [claim] = calls;
    expect(claim.input).toEqual({ ...schedule, jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(outcome).toEqual({ jobId: claim.input.jobId, files: 0 });
    await expect(specs.env.client.workflow.getHandle(workflowIdForJob(outcome.jobId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it("starts the claimed files' job as its own csvJob, findable by source, abandoned so it outlives the run", async () => {
    const { outcome, jobCalls, workflowId } = await runInbox((input) => claimed(input, 2));
    expect(outcome).toEqual({ jobId: expect.any(String), files: 2 });
    const job = specs.env.client.workflow.getHandle<typeof csvJob>(workflowIdForJob(outcome.jobId));
    const description = await job.describe();
    expect(description).toMatchObject({ type: CSV_JOB_WORKFLOW, parentExecution: { workflowId } });
    expect(description.typedSearchAttributes.get(datasetSearchAttribute)).toBe('people');
    // The test server does not enforce parent close policies, so the run's own request is checked.
    const { events } = await specs.env.client.workflow.getHandle(workflowId).fetchHistory();
    const started = events?.find((event) => event.startChildWorkflowExecutionInitiatedEventAttributes)?.startChildWorkflowExecutionInitiatedEventAttributes;
    expect(started?.parentClosePolicy).toBe(temporal.api.enums.v1.ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON);
    // Awaiting the job skips its retention: it runs to its own end.
    expect(await job.result()).toMatchObject({ jobId: outcome.jobId, status: 'processed' });
    const steps = jobCalls.get(outcome.jobId) ?? [];
    expect(
      callsTo(steps, 'parseAndValidate')
        .map((call) => call.input.file.uploadId)
        .sort(),
    ).toEqual(['upload-a', 'upload-b']);
    expect(callsTo(steps, 'expireJob')).toHaveLength(1);
  });

  it('claims under the same job id when the claim is retried, so a retry records one job', async () => {
    let attempts = 0;
    const { outcome, calls } = await runInbox((input) => {
      if (++attempts === 1) throw new Error('Storage is unreachable');
      return claimed(input, 0);
    });
    expect(calls.map((call) => [call.attempt, call.input.jobId])).toEqual([
      [1, outcome.jobId],
      [2, outcome.jobId],
    ]);
  });
});
