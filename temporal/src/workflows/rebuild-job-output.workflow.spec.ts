import { randomUUID } from 'node:crypto';

import { type RebuildJobOutputInput, REBUILD_JOB_OUTPUT_WORKFLOW } from '@sluice/contracts';

import type { CsvJobActivities, OutputRebuildActivities, OutputRebuildPlan } from '../activities';
import { outputRebuildStartOptions } from '../output-rebuild-start-options';
import { AGGREGATIONS, badInput, builtResults, WORKSPACE } from '../testing/csv-job-stubs';
import { type ActivityCall, useWorkflowSpecEnv } from '../testing/workflow-env';
import type { rebuildJobOutputWorkflow } from './rebuild-job-output.workflow';

type RebuildActivities = Pick<CsvJobActivities, 'buildResults'> & OutputRebuildActivities;

const JOIN = {
  kind: 'join' as const,
  records: [
    { file: 0, line: 4 },
    { file: 1, line: 4 },
  ],
};

/** The job's two files as it recorded them (the second without valid rows), and one correction of its chain. */
const PLAN: OutputRebuildPlan = {
  files: [
    { uploadId: 'upload-crm', columns: [], stagedKey: 'staging/upload-crm.csv' },
    { uploadId: 'upload-shop', columns: [], stagedKey: null },
  ],
  corrections: [JOIN],
};

function stubRebuild(overrides: Partial<RebuildActivities> = {}): RebuildActivities {
  return {
    planOutputRebuild: async () => PLAN,
    buildResults: async (input) => ({ ...builtResults(input), plan: null }),
    recordRebuiltOutput: async () => undefined,
    recordFailedRebuild: async () => undefined,
    ...overrides,
  };
}

describe('rebuildJobOutputWorkflow', () => {
  const specs = useWorkflowSpecEnv(Object.keys(stubRebuild()));

  async function rebuild(overrides: Partial<RebuildActivities> = {}) {
    const input: RebuildJobOutputInput = { workspaceId: WORKSPACE, jobId: randomUUID(), rootJobId: 'root-job', outputVersion: 3 };
    const options = outputRebuildStartOptions(input, specs.taskQueue);
    const calls: ActivityCall[] = specs.stub(options.workflowId, stubRebuild(overrides));
    const outcome = await specs.env.client.workflow.execute<typeof rebuildJobOutputWorkflow>(REBUILD_JOB_OUTPUT_WORKFLOW, options);
    return { input, outcome, calls, steps: calls.map((c) => c.activity) };
  }

  it("builds the job's output again from its recorded files with its chain's corrections, and records it as the claimed version", async () => {
    const { input, outcome, calls, steps } = await rebuild();
    expect(outcome).toEqual({ outputVersion: 3, error: null });
    expect(steps).toEqual(['planOutputRebuild', 'buildResults', 'recordRebuiltOutput']);
    expect(calls[0].input).toEqual({ workspaceId: WORKSPACE, jobId: input.jobId, rootJobId: 'root-job' });
    expect(calls[1].input).toEqual({ workspaceId: WORKSPACE, jobId: input.jobId, files: PLAN.files, failed: false, rootJobId: 'root-job', corrections: [JOIN], outputVersion: 3 });
    expect(calls[2].input).toEqual({
      workspaceId: WORKSPACE,
      jobId: input.jobId,
      outputVersion: 3,
      merge: { rowsIn: 10, rowsOut: 10, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0 },
      aggregations: AGGREGATIONS,
    });
  });

  it('keeps the previous output when the build fails, and says why on the job', async () => {
    const { input, outcome, steps, calls } = await rebuild({
      buildResults: async () => {
        throw badInput('The staged rows of "crm.csv" are gone');
      },
    });
    expect(steps).toEqual(['planOutputRebuild', 'buildResults', 'recordFailedRebuild']);
    const message =
      'Rebuilding the output as version 3 failed: The staged rows of "crm.csv" are gone. The job keeps its previous output; its corrections are kept and apply at the next rebuild or rerun';
    expect(outcome).toEqual({ outputVersion: 3, error: message });
    expect(calls[2].input).toEqual({ workspaceId: WORKSPACE, jobId: input.jobId, outputVersion: 3, error: message });
  });

  it('ends the rebuild, saying why, when the job cannot be planned (a job recorded without its settings)', async () => {
    const { steps, outcome } = await rebuild({
      planOutputRebuild: async () => {
        throw badInput('This job was recorded by an earlier release of Sluice without the settings it runs with');
      },
    });
    expect(steps).toEqual(['planOutputRebuild', 'recordFailedRebuild']);
    expect(outcome.error).toMatch(/^Rebuilding the output as version 3 failed: This job was recorded by an earlier release/);
  });

  it('retries the build through a passing outage, as the job does', async () => {
    let attempts = 0;
    const { steps, outcome } = await rebuild({
      buildResults: async (input) => {
        attempts += 1;
        if (attempts < 3) throw new Error('Storage (S3) was unavailable');
        return { ...builtResults(input), plan: null };
      },
    });
    expect(outcome.error).toBeNull();
    expect(steps).toEqual(['planOutputRebuild', 'buildResults', 'buildResults', 'buildResults', 'recordRebuiltOutput']);
  });
});
