import type { JobOutcome } from '@sluice/contracts';
import { addCounts } from '@sluice/core';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { jobPrefix, legacyJobPrefix } from '@sluice/storage';

import type { ActivityDeps } from './activity-deps';
import { storableJson, storableText } from './storable-text';

export async function markProcessing(deps: ActivityDeps, { workspaceId, jobId }: { workspaceId: string; jobId: string }): Promise<void> {
  await deps.db.jobs.markProcessing(workspaceId, jobId);
}

export async function finalize(deps: ActivityDeps, { workspaceId, outcome, retentionMs }: { workspaceId: string; outcome: JobOutcome; retentionMs: number }): Promise<void> {
  await deps.db.jobs.finish(workspaceId, {
    jobId: outcome.jobId,
    status: outcome.status,
    files: outcome.files.map((file) => ({
      uploadId: file.uploadId,
      rowsProcessed: file.rowsProcessed,
      validRows: file.validRows,
      invalidRows: file.invalidRows,
      error: file.error && storableText(file.error),
      columns: storableJson(file.columns),
      cleaned: file.cleaned,
      ...(file.reading ? { reading: storableJson(file.reading) } : {}),
    })),
    aggregations: outcome.aggregations ? storableJson(outcome.aggregations) : null,
    merge: outcome.merge ?? null,
    cleaned: outcome.files.reduce((total, file) => addCounts(total, file.cleaned), {}),
    error: outcome.error && storableText(outcome.error),
    retentionMs,
  });
}

/** Deletes the job's objects (a job of the default workspace may have some under the legacy prefix too) and marks it expired. */
export async function expireJob(deps: ActivityDeps, { workspaceId, jobId }: { workspaceId: string; jobId: string }): Promise<void> {
  await deps.store.deletePrefix(jobPrefix(workspaceId, jobId));
  if (workspaceId === DEFAULT_WORKSPACE_ID) await deps.store.deletePrefix(legacyJobPrefix(jobId));
  await deps.db.jobs.markExpired(workspaceId, jobId);
}
