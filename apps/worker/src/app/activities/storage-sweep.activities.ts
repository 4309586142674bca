import type { StorageSweepInput, StorageSweepOutcome } from '@sluice/contracts';
import type { JobsRepository, StorageSweepsRepository } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { JOB_OBJECT_PREFIXES, jobIdOfKey, planSweep } from '@sluice/storage';
import type { StorageSweeperActivities } from '@sluice/temporal';
import { Client, WorkflowNotFoundError } from '@temporalio/client';

export interface StorageSweepDeps {
  jobs: JobsRepository;
  sweeps: StorageSweepsRepository;
  store: ObjectStore;
  /** To ask whether a job's workflow still runs (and so will delete its files itself). */
  temporal: Client;
  /** SWEEPER_MIN_AGE_MS: nothing younger is removed. */
  minAgeMs: number;
}

/** Jobs past expiry checked per run; any beyond wait for the next run. */
const STALE_JOBS_PER_RUN = 500;

async function workflowGone(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    return (await temporal.workflow.getHandle(workflowId).describe()).status.name !== 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return true;
    throw error;
  }
}

/** Jobs whose expiry is more than the threshold past and whose workflow no longer runs: nothing else will delete their files. */
async function abandonedJobs(deps: StorageSweepDeps, cutoff: Date): Promise<string[]> {
  const stale = await deps.jobs.pastExpiryAcrossWorkspaces(cutoff, STALE_JOBS_PER_RUN);
  const gone = await Promise.all(stale.map(async (job) => ((await workflowGone(deps.temporal, job.workflowId)) ? job.id : null)));
  return gone.filter((id): id is string => id !== null);
}

/** The listed keys that belong to a job (by their key), from every listing. */
async function listJobKeys<T extends { key: string }>(listings: Promise<T[]>[]): Promise<T[]> {
  return (await Promise.all(listings)).flat().filter((o) => jobIdOfKey(o.key) !== null);
}

export async function sweepStorage(deps: StorageSweepDeps, input: StorageSweepInput): Promise<StorageSweepOutcome> {
  const startedAt = new Date();
  const minAgeMs = input.minAgeMs ?? deps.minAgeMs;
  // Every workspace's job objects and the legacy ones; inbox objects (and uploads into inboxes) are never the sweeper's.
  const [objects, uploads] = await Promise.all([
    listJobKeys(JOB_OBJECT_PREFIXES.map((p) => deps.store.list(p))),
    listJobKeys(JOB_OBJECT_PREFIXES.map((p) => deps.store.listIncompleteUploads(p))),
  ]);
  const ids = [...new Set([...objects, ...uploads].map((o) => jobIdOfKey(o.key) as string))];
  const [jobs, abandonedJobIds] = await Promise.all([deps.jobs.statusesAcrossWorkspaces(ids), abandonedJobs(deps, new Date(startedAt.getTime() - minAgeMs))]);
  const plan = planSweep({ now: startedAt, minAgeMs, objects, uploads, jobs, abandonedJobIds });

  for (const upload of plan.abortUploads) await deps.store.abortIncompleteUpload(upload.key, upload.uploadId);
  await deps.store.deleteKeys(plan.deleteObjects.map((o) => o.key));
  const jobsExpired = await deps.jobs.markManyExpiredAcrossWorkspaces(plan.expireJobIds);
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    filesDeleted: plan.deleteObjects.length,
    bytesDeleted: plan.deleteObjects.reduce((sum, o) => sum + o.size, 0),
    uploadsAborted: plan.abortUploads.length,
    uploadBytesAborted: plan.abortUploads.reduce((sum, u) => sum + u.bytes, 0),
    jobsExpired,
  };
}

export async function recordStorageSweep(deps: StorageSweepDeps, run: Parameters<StorageSweeperActivities['recordStorageSweep']>[0]): Promise<void> {
  await deps.sweeps.record({ ...run, startedAt: new Date(run.startedAt), finishedAt: new Date(run.finishedAt) });
}

/** Binds the storage sweeper's activities to the worker's clients. */
export function createStorageSweeperActivities(deps: StorageSweepDeps): StorageSweeperActivities {
  return {
    sweepStorage: (input) => sweepStorage(deps, input),
    recordStorageSweep: (input) => recordStorageSweep(deps, input),
  };
}
