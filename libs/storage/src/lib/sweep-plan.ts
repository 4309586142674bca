import type { JobStatus } from '@sluice/contracts';
import { RUNNING_JOB_STATUSES } from '@sluice/contracts';

import { jobIdOfKey } from './object-keys';
import type { IncompleteUpload, StoredObject } from './object-store';

/** What the bucket and Postgres hold, as the storage sweeper saw it. */
export interface SweepInventory {
  now: Date;
  /**
   * Anything younger is left alone: an upload in progress writes its objects (and multipart parts)
   * before its job is recorded, and a running job may still be writing.
   */
  minAgeMs: number;
  /** Every object under jobs/. */
  objects: StoredObject[];
  /** Every incomplete multipart upload under jobs/. */
  uploads: IncompleteUpload[];
  /** The recorded jobs among those the objects and uploads belong to. */
  jobs: { id: string; status: JobStatus }[];
  /** Jobs long past their expiry whose workflow is gone, so nothing else will ever delete their files. */
  abandonedJobIds: string[];
}

export interface SweepPlan {
  abortUploads: IncompleteUpload[];
  deleteObjects: StoredObject[];
  /** Jobs to mark expired once their objects are gone. */
  expireJobIds: string[];
}

/**
 * Decides what the sweeper removes. Only three things go: incomplete uploads older than the threshold
 * (except a running job's, which may still complete them); every object of a job prefix no job owns
 * once all of it is older than the threshold and no young upload is still adding to it; and whatever
 * is left of an expired or abandoned job. Objects of any other recorded job stay.
 */
export function planSweep(inventory: SweepInventory): SweepPlan {
  const cutoff = inventory.now.getTime() - inventory.minAgeMs;
  const isOld = (at: Date | undefined) => at !== undefined && at.getTime() <= cutoff;
  const jobs = new Map(inventory.jobs.map((job) => [job.id, job]));
  const abandoned = new Set(inventory.abandonedJobIds);

  const abortUploads = inventory.uploads.filter((upload) => {
    const job = jobs.get(jobIdOfKey(upload.key) ?? '');
    return isOld(upload.initiated) && !(job && RUNNING_JOB_STATUSES.includes(job.status) && !abandoned.has(job.id));
  });

  const byJob = new Map<string, StoredObject[]>();
  for (const object of inventory.objects) {
    const jobId = jobIdOfKey(object.key);
    if (!jobId) continue;
    const objects = byJob.get(jobId);
    if (objects) objects.push(object);
    else byJob.set(jobId, [object]);
  }
  const stillUploading = new Set(inventory.uploads.filter((u) => !isOld(u.initiated)).map((u) => jobIdOfKey(u.key)));
  const deleteObjects = [...byJob.entries()].flatMap(([jobId, objects]) => {
    const job = jobs.get(jobId);
    const leftOver = abandoned.has(jobId) || job?.status === 'expired';
    const orphaned = !job && !stillUploading.has(jobId) && objects.every((o) => isOld(o.lastModified));
    return leftOver || orphaned ? objects : [];
  });

  return { abortUploads, deleteObjects, expireJobIds: [...abandoned] };
}
