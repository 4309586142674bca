import { type RebuildJobOutputInput, workflowIdForOutputRebuild } from '@sluice/contracts';

/** How a rebuild of a job's output starts: one workflow id per job and version, so a repeated start is the same rebuild. */
export function outputRebuildStartOptions(input: RebuildJobOutputInput, taskQueue: string) {
  return {
    taskQueue,
    workflowId: workflowIdForOutputRebuild(input.jobId, input.outputVersion),
    args: [input] as [RebuildJobOutputInput],
  };
}
