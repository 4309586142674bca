import type { MergeCorrection } from '@sluice/contracts';
import { stagedKey } from '@sluice/storage';
import type { OutputRebuildActivities, OutputRebuildPlan } from '@sluice/temporal';

import type { ActivityDeps } from './activity-deps';
import { storableJson, storableText } from './storable-text';

/** The corrections a rerun chain keeps, oldest first (a rerun's build applies them again). */
export async function loadMergeCorrections(deps: ActivityDeps, { workspaceId, rootJobId }: { workspaceId: string; rootJobId: string }): Promise<MergeCorrection[]> {
  return deps.db.mergeCorrections.corrections(workspaceId, rootJobId);
}

/**
 * A finished job's files as its own build took them (staged where they had valid rows: staged objects stay
 * until the job expires), and its chain's corrections as they are now.
 */
export async function planOutputRebuild(
  deps: ActivityDeps,
  { workspaceId, jobId, rootJobId }: { workspaceId: string; jobId: string; rootJobId: string },
): Promise<OutputRebuildPlan> {
  const files = await deps.db.jobs.resultFiles(workspaceId, jobId);
  return {
    files: files.map((f) => ({
      uploadId: f.uploadId,
      columns: f.columns,
      ...(f.dataset ? { dataset: f.dataset } : {}),
      stagedKey: f.validRows > 0 ? stagedKey(workspaceId, jobId, f.uploadId) : null,
    })),
    corrections: await loadMergeCorrections(deps, { workspaceId, rootJobId }),
  };
}

export const recordRebuiltOutput = async (deps: ActivityDeps, input: Parameters<OutputRebuildActivities['recordRebuiltOutput']>[0]): Promise<void> => {
  await deps.db.mergeCorrections.finishRebuild(input.workspaceId, input.jobId, input.outputVersion, {
    merge: input.merge,
    aggregations: input.aggregations ? storableJson(input.aggregations) : null,
  });
};

export const recordFailedRebuild = async (deps: ActivityDeps, input: Parameters<OutputRebuildActivities['recordFailedRebuild']>[0]): Promise<void> => {
  await deps.db.mergeCorrections.failRebuild(input.workspaceId, input.jobId, input.outputVersion, storableText(input.error));
};
