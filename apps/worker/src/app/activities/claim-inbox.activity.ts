import { createHash } from 'node:crypto';

import type { CsvJobInput, DatasetDefinition } from '@sluice/contracts';
import { HOUR_MS, workflowIdForJob } from '@sluice/contracts';
import { currentDatasetVersion, jobSpecFromInput, JobSpecSource, NewJob, recordJob, resolvePipeline } from '@sluice/db';
import { sanitizeFileName, uploadKey } from '@sluice/storage';
import type { ClaimInboxInput, ClaimedInbox } from '@sluice/temporal';
import { ApplicationFailure } from '@temporalio/activity';

import type { ActivityDeps } from './activity-deps';

/** A stable id per job and inbox object, so a retried claim copies to the same keys and records nothing twice. */
function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface SourceSpec {
  version: number | null;
  input: Omit<JobSpecSource, 'dataset' | 'delivery'>;
  members: string[];
}

async function sourceSpec(deps: ActivityDeps, source: string): Promise<SourceSpec> {
  const pipeline = await resolvePipeline(deps.prisma, source);
  if (pipeline && !pipeline.ok) {
    throw ApplicationFailure.nonRetryable(`Pipeline ${source} no longer fits its datasets: ${pipeline.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
  if (pipeline) return { version: null, input: { pipeline: pipeline.pipeline, definitions: pipeline.definitions }, members: Object.keys(pipeline.definitions) };
  const dataset = await currentDatasetVersion(deps.prisma, source);
  if (!dataset) throw ApplicationFailure.nonRetryable(`Unknown dataset or pipeline "${source}"`);
  return { version: dataset.version, input: { definition: dataset.definition as DatasetDefinition }, members: [] };
}

/**
 * Moves every CSV file under a schedule's inbox prefix into a new job: copied to the job's keys,
 * recorded, then removed from the inbox, so the next run sees only newer files. In a pipeline's
 * inbox, a file inside a folder named for one of its datasets is tagged with that dataset.
 */
export async function claimInbox(deps: ActivityDeps, input: ClaimInboxInput): Promise<ClaimedInbox> {
  const { jobId, source, prefix } = input;
  const spec = await sourceSpec(deps, source);
  const retentionHours = input.retentionMs / HOUR_MS;
  const existing = await deps.prisma.job.findUnique({ where: { id: jobId }, include: { uploads: { orderBy: { position: 'asc' } } } });
  const objects = (await deps.store.list(prefix)).filter((o) => o.key.toLowerCase().endsWith('.csv')).sort((a, b) => a.key.localeCompare(b.key));
  const files = existing
    ? existing.uploads.map((u) => ({ uploadId: u.id, fileName: u.fileName, objectKey: u.objectKey, sizeBytes: u.sizeBytes, dataset: u.dataset ?? undefined, inboxKey: null as string | null }))
    : objects.map((o) => {
        const uploadId = stableUuid(jobId, o.key);
        const relative = o.key.slice(prefix.length).split('/');
        const folder = relative.length > 1 ? relative[0] : undefined;
        const fileName = sanitizeFileName(relative[relative.length - 1]);
        return { uploadId, fileName, objectKey: uploadKey(jobId, uploadId, fileName), sizeBytes: o.size, dataset: folder && spec.members.includes(folder) ? folder : undefined, inboxKey: o.key as string | null };
      });
  const job: NewJob = {
    id: jobId,
    workflowId: workflowIdForJob(jobId),
    dataset: source,
    datasetVersion: spec.version,
    pipeline: spec.input.pipeline?.name ?? null,
    retentionHours,
    scheduleId: input.scheduleId,
    files,
    status: files.length ? 'waiting' : 'no_files',
    spec: jobSpecFromInput({ dataset: source, ...spec.input }, spec.version),
  };
  if (!existing) {
    for (const file of files) if (file.inboxKey) await deps.store.copy(file.inboxKey, file.objectKey);
    await recordJob(deps.prisma, job);
    await deps.store.deleteKeys(files.flatMap((f) => (f.inboxKey ? [f.inboxKey] : [])));
  }
  if (!files.length) return { jobId, files: 0, workflowId: job.workflowId, input: null };
  const jobInput: CsvJobInput = {
    jobId,
    dataset: source,
    files: files.map((f) => ({ uploadId: f.uploadId, key: f.objectKey, ...(f.dataset ? { dataset: f.dataset } : {}) })),
    retentionMs: input.retentionMs,
    ...(spec.input.pipeline ? { baseDataset: spec.input.pipeline.base } : {}),
  };
  return { jobId, files: files.length, workflowId: job.workflowId, input: jobInput };
}
