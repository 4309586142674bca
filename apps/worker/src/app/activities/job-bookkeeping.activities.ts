import type { JobOutcome } from '@sluice/contracts';
import { addCounts } from '@sluice/core';
import { jobPrefix } from '@sluice/storage';

import type { ActivityDeps } from './activity-deps';
import { storableJson, storableText } from './storable-text';

export async function markProcessing(deps: ActivityDeps, { jobId }: { jobId: string }): Promise<void> {
  await deps.db.jobs.markProcessing(jobId);
}

export async function finalize(deps: ActivityDeps, { outcome, retentionMs }: { outcome: JobOutcome; retentionMs: number }): Promise<void> {
  await deps.db.jobs.finish({
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

export async function expireJob(deps: ActivityDeps, { jobId }: { jobId: string }): Promise<void> {
  await deps.store.deletePrefix(jobPrefix(jobId));
  await deps.db.jobs.markExpired(jobId);
}
