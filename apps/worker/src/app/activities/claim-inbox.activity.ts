import { createHash } from 'node:crypto';

import type { CsvJobInput, JobSpec } from '@sluice/contracts';
import { HOUR_MS, workflowIdForJob } from '@sluice/contracts';
import type { NewJob } from '@sluice/db';
import { sanitizeFileName, uploadKey } from '@sluice/storage';
import type { ClaimInboxInput, ClaimedInbox } from '@sluice/temporal';
import { ApplicationFailure } from '@temporalio/activity';

import type { ActivityDeps } from './activity-deps';

/** A stable id per job and inbox object, so a retried claim copies to the same keys and records nothing twice. */
function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The source's spec as of now; a misfit pipeline or an unknown name fails the run for good (no retry can fix it). */
async function sourceSpec(deps: ActivityDeps, source: string): Promise<JobSpec> {
  const resolved = await deps.db.jobSpecs.resolve(source);
  if (resolved.ok) return resolved.spec;
  if (resolved.reason === 'misfit') {
    throw ApplicationFailure.nonRetryable(`Pipeline ${source} no longer fits its datasets: ${resolved.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
  throw ApplicationFailure.nonRetryable(`Unknown dataset or pipeline "${source}"`);
}

/**
 * Moves every CSV file under a schedule's inbox prefix into a new job: copied to the job's keys,
 * recorded, then removed from the inbox, so the next run sees only newer files. In a pipeline's
 * inbox, a file inside a folder named for one of its datasets is tagged with that dataset.
 */
export async function claimInbox(deps: ActivityDeps, input: ClaimInboxInput): Promise<ClaimedInbox> {
  const { jobId, source, prefix } = input;
  const existing = await deps.db.jobs.stored(jobId);
  // A retried claim keeps the spec it recorded: the configuration may have changed in between.
  const spec = existing?.spec ?? (await sourceSpec(deps, source));
  const members = spec.kind === 'pipeline' ? Object.keys(spec.datasets) : [];
  const retentionHours = input.retentionMs / HOUR_MS;
  const objects = (await deps.store.list(prefix)).filter((o) => o.key.toLowerCase().endsWith('.csv')).sort((a, b) => a.key.localeCompare(b.key));
  const files = existing
    ? existing.files.map((f) => ({ uploadId: f.uploadId, fileName: f.fileName, objectKey: f.objectKey, sizeBytes: f.sizeBytes, dataset: f.dataset ?? undefined, inboxKey: null as string | null }))
    : objects.map((o) => {
        const uploadId = stableUuid(jobId, o.key);
        const relative = o.key.slice(prefix.length).split('/');
        const folder = relative.length > 1 ? relative[0] : undefined;
        const fileName = sanitizeFileName(relative[relative.length - 1]);
        return { uploadId, fileName, objectKey: uploadKey(jobId, uploadId, fileName), sizeBytes: o.size, dataset: folder && members.includes(folder) ? folder : undefined, inboxKey: o.key as string | null };
      });
  const job: NewJob = {
    id: jobId,
    workflowId: workflowIdForJob(jobId),
    dataset: source,
    datasetVersion: spec.kind === 'dataset' ? spec.dataset.version : null,
    pipeline: spec.kind === 'pipeline' ? spec.pipeline.name : null,
    retentionHours,
    scheduleId: input.scheduleId,
    files,
    status: files.length ? 'waiting' : 'no_files',
    spec,
  };
  if (!existing) {
    for (const file of files) if (file.inboxKey) await deps.store.copy(file.inboxKey, file.objectKey);
    await deps.db.jobs.record(job);
    await deps.store.deleteKeys(files.flatMap((f) => (f.inboxKey ? [f.inboxKey] : [])));
  }
  if (!files.length) return { jobId, files: 0, workflowId: job.workflowId, input: null };
  const jobInput: CsvJobInput = {
    jobId,
    dataset: source,
    files: files.map((f) => ({ uploadId: f.uploadId, key: f.objectKey, ...(f.dataset ? { dataset: f.dataset } : {}) })),
    retentionMs: input.retentionMs,
    ...(spec.kind === 'pipeline' ? { baseDataset: spec.pipeline.definition.base } : {}),
  };
  return { jobId, files: files.length, workflowId: job.workflowId, input: jobInput };
}
