import { Inject, Injectable } from '@nestjs/common';
import type { JobStorageView, StorageUsageView } from '@sluice/contracts';
import { STORAGE_SWEEPER_SCHEDULE_ID } from '@sluice/contracts';
import { JobsRepository, StorageSweepsRepository } from '@sluice/db';
import { WorkspaceQuota } from '@sluice/jobs';
import type { ObjectStore, StoredObject } from '@sluice/storage';
import { jobIdOfKey, listWorkspaceObjects } from '@sluice/storage';
import type { Client } from '@temporalio/client';

import { withTimeout } from '../common/with-timeout';
import { storageUnavailable } from '../../infra/storage/storage-unavailable';
import { OBJECT_STORE, TEMPORAL_CLIENT } from '../../infra/tokens';

/** How long the page waits for Temporal to name the sweeper's next run before showing none. */
const SCHEDULE_DEADLINE_MS = 3000;

const bytesOf = (objects: { size: number }[]) => objects.reduce((sum, o) => sum + o.size, 0);

/**
 * What the workspace's part of the bucket holds per job and in total, what retention frees next, and
 * what the storage sweeper (which serves every workspace) did and will do.
 */
@Injectable()
export class StorageUsageService {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly sweeps: StorageSweepsRepository,
    private readonly quota: WorkspaceQuota,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async usage(workspaceId: string): Promise<StorageUsageView> {
    const [listing, lastSweep, nextCleanup] = await Promise.all([
      listWorkspaceObjects(this.store, workspaceId).catch((error) => {
        throw storageUnavailable('Listing storage usage', error);
      }),
      this.sweeps.latest(),
      this.nextSweep(),
    ]);
    const { jobs: listed, inbox, incompleteUploads: incomplete } = listing;
    const [perJob, quota] = await Promise.all([this.perJob(workspaceId, listed), this.quota.usage(workspaceId, listing)]);
    // Only the workspace's own jobs count: an object named for a job of no workspace's (an orphan the sweeper will take) is left out.
    const objects = listed.filter((o) => perJob.owned.has(jobIdOfKey(o.key) ?? ''));
    const jobs = perJob.views;
    const next = jobs.filter((v) => v.expiresAt && v.status !== 'expired').sort((a, b) => (a.expiresAt as string).localeCompare(b.expiresAt as string))[0];
    return {
      objects: objects.length,
      bytes: bytesOf(objects),
      jobs,
      inbox: { objects: inbox.length, bytes: bytesOf(inbox) },
      nextExpiry: next ? { jobId: next.jobId, at: next.expiresAt as string } : null,
      incompleteUploads: { count: incomplete.length, bytes: incomplete.reduce((sum, u) => sum + u.bytes, 0) },
      quota,
      lastCleanup: lastSweep?.finishedAt.toISOString() ?? null,
      nextCleanup,
      filesCleanedLastRun: lastSweep?.filesDeleted ?? null,
      bytesCleanedLastRun: lastSweep ? lastSweep.bytesDeleted + lastSweep.uploadBytesAborted : null,
      uploadsAbortedLastRun: lastSweep?.uploadsAborted ?? null,
    };
  }

  private async perJob(workspaceId: string, objects: StoredObject[]): Promise<{ views: JobStorageView[]; owned: Set<string> }> {
    const perJob = new Map<string, { objects: number; bytes: number }>();
    for (const object of objects) {
      const jobId = jobIdOfKey(object.key);
      if (!jobId) continue;
      const entry = perJob.get(jobId) ?? perJob.set(jobId, { objects: 0, bytes: 0 }).get(jobId)!;
      entry.objects += 1;
      entry.bytes += object.size;
    }
    const jobs = await this.jobs.statuses(workspaceId, [...perJob.keys()]);
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const views = [...perJob.entries()]
      .flatMap(([jobId, size]) => {
        const job = byId.get(jobId);
        return job ? [{ jobId, dataset: job.dataset, status: job.status, ...size, expiresAt: job.expiresAt?.toISOString() ?? null }] : [];
      })
      .sort((a, b) => b.bytes - a.bytes);
    return { views, owned: new Set(byId.keys()) };
  }

  /** The sweeper schedule's next run; null when it is paused or missing, or Temporal does not answer in time (the rest of the page still shows). */
  private async nextSweep(): Promise<string | null> {
    const description = this.temporal.schedule.getHandle(STORAGE_SWEEPER_SCHEDULE_ID).describe();
    return withTimeout(description, SCHEDULE_DEADLINE_MS)
      .then((d) => (d.state.paused ? null : (d.info.nextActionTimes[0]?.toISOString() ?? null)))
      .catch(() => null);
  }
}
