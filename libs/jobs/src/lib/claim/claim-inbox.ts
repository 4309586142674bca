import { createHash } from 'node:crypto';

import type { CsvJobInput } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, HOUR_MS, isInboxFileName, workflowIdForJob } from '@sluice/contracts';
import type { JobSpecResolver, JobsRepository, NewJob } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { isInboxOf, sanitizeFileName, uploadKey } from '@sluice/storage';

import { invalidRequest } from '../job-request-error';
import { jobWorkflowInput, specColumns } from '../job-workflow-input';
import { resolveSource } from '../source-spec';

/** A schedule's run: the job to claim the inbox into, and where the inbox is. */
export interface ClaimInboxRequest {
  workspaceId: string;
  jobId: string;
  scheduleId: string;
  /** The dataset or pipeline the schedule runs. */
  source: string;
  prefix: string;
  retentionMs: number;
}

/** What the claim recorded: the job's files, and the input to start its workflow with (null when the inbox was empty). */
export interface ClaimedInboxJob {
  jobId: string;
  files: number;
  workflowId: string;
  input: CsvJobInput | null;
}

export interface ClaimInboxDeps {
  jobs: Pick<JobsRepository, 'stored' | 'record'>;
  jobSpecs: Pick<JobSpecResolver, 'resolve'>;
  store: Pick<ObjectStore, 'list' | 'copy' | 'deleteKeys'>;
}

/** A stable id per job and inbox object, so a retried claim copies to the same keys and records nothing twice. */
function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Moves every file under a schedule's inbox prefix that is a table (.csv, .tsv, their .gz, .xlsx) into a new job: copied to the job's keys,
 * recorded, then removed from the inbox, so the next run sees only newer files. In a pipeline's
 * inbox, a file inside a folder named for one of its datasets is tagged with that dataset. Safe to
 * retry: a claim that recorded its job returns the same job. An unknown source, or a pipeline that
 * no longer fits its datasets, is an invalid JobRequestError.
 */
export class ClaimInbox {
  constructor(private readonly deps: ClaimInboxDeps) {}

  async run(request: ClaimInboxRequest): Promise<ClaimedInboxJob> {
    const { deps } = this;
    const { workspaceId, jobId, source, prefix } = request;
    // Schedules store their prefix and Temporal their arguments: neither may reach outside the workspace's inboxes.
    if (!isInboxOf(workspaceId, prefix, workspaceId === DEFAULT_WORKSPACE_ID)) throw invalidRequest(`Inbox prefix "${prefix}" is outside the workspace's inboxes`);
    const existing = await deps.jobs.stored(workspaceId, jobId);
    // A retried claim keeps the spec it recorded: the configuration may have changed in between.
    const spec = existing?.spec ?? (await resolveSource(deps.jobSpecs, workspaceId, source));
    const members = spec.kind === 'pipeline' ? Object.keys(spec.datasets) : [];
    const objects = (await deps.store.list(prefix)).filter((o) => isInboxFileName(o.key)).sort((a, b) => a.key.localeCompare(b.key));
    const files = existing
      ? existing.files.map((f) => ({
          uploadId: f.uploadId,
          fileName: f.fileName,
          objectKey: f.objectKey,
          sizeBytes: f.sizeBytes,
          dataset: f.dataset ?? undefined,
          inboxKey: null as string | null,
        }))
      : objects.map((o) => {
          const uploadId = stableUuid(jobId, o.key);
          const relative = o.key.slice(prefix.length).split('/');
          const folder = relative.length > 1 ? relative[0] : undefined;
          const fileName = sanitizeFileName(relative[relative.length - 1]);
          return {
            uploadId,
            fileName,
            objectKey: uploadKey(workspaceId, jobId, uploadId, fileName),
            sizeBytes: o.size,
            dataset: folder && members.includes(folder) ? folder : undefined,
            inboxKey: o.key as string | null,
          };
        });
    const job: NewJob = {
      id: jobId,
      workflowId: workflowIdForJob(jobId),
      ...specColumns(spec),
      retentionHours: request.retentionMs / HOUR_MS,
      scheduleId: request.scheduleId,
      files,
      status: files.length ? 'waiting' : 'no_files',
      spec,
    };
    if (!existing) {
      for (const file of files) if (file.inboxKey) await deps.store.copy(file.inboxKey, file.objectKey);
      await deps.jobs.record(workspaceId, job);
      await deps.store.deleteKeys(files.flatMap((f) => (f.inboxKey ? [f.inboxKey] : [])));
    }
    if (!files.length) return { jobId, files: 0, workflowId: job.workflowId, input: null };
    const input = jobWorkflowInput(spec, {
      workspaceId,
      jobId,
      files: files.map((f) => ({ uploadId: f.uploadId, key: f.objectKey, ...(f.dataset ? { dataset: f.dataset } : {}) })),
      retentionMs: request.retentionMs,
    });
    return { jobId, files: files.length, workflowId: job.workflowId, input };
  }
}
