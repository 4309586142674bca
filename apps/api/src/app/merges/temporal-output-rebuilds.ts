import { REBUILD_JOB_OUTPUT_WORKFLOW, type RebuildJobOutputInput, workflowIdForOutputRebuild } from '@sluice/contracts';
import type { OutputRebuildStarter } from '@sluice/jobs';
import { outputRebuildStartOptions } from '@sluice/temporal';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';

/** The merge use cases' rebuild port over the API's Temporal client. */
export class TemporalOutputRebuilds implements OutputRebuildStarter {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async startOutputRebuild(input: RebuildJobOutputInput): Promise<void> {
    await this.client.workflow.start(REBUILD_JOB_OUTPUT_WORKFLOW, outputRebuildStartOptions(input, this.taskQueue));
  }

  async isOutputRebuildRunning(jobId: string, outputVersion: number): Promise<boolean> {
    try {
      const { status } = await this.client.workflow.getHandle(workflowIdForOutputRebuild(jobId, outputVersion)).describe();
      return status.name === 'RUNNING';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }
}
