import { Inject, Injectable } from '@nestjs/common';
import type { JobStorageView, StorageUsageView } from '@sluice/contracts';
import { STORAGE_SWEEPER_SCHEDULE_ID } from '@sluice/contracts';
import { JobsRepository, StorageSweepsRepository } from '@sluice/db';
import type { ObjectStore, StoredObject } from '@sluice/storage';
import { INBOX_PREFIX, jobIdOfKey, JOBS_PREFIX } from '@sluice/storage';
import type { Client } from '@temporalio/client';

import { withTimeout } from '../common/with-timeout';
import { storageUnavailable } from '../../infra/storage/storage-unavailable';
import { OBJECT_STORE, TEMPORAL_CLIENT } from '../../infra/tokens';

/** How long the page waits for Temporal to name the sweeper's next run before showing none. */
const SCHEDULE_DEADLINE_MS = 3000;

const bytesOf = (objects: { size: number }[]) => objects.reduce((sum, o) => sum + o.size, 0);

/** What the bucket holds per job and in total, what retention frees next, and what the storage sweeper did and will do. */
@Injectable()
export class StorageUsageService {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly sweeps: StorageSweepsRepository,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async usage(): Promise<StorageUsageView> {
    const [[objects, inbox, incomplete], lastSweep, nextCleanup] = await Promise.all([
      Promise.all([this.store.list(JOBS_PREFIX), this.store.list(INBOX_PREFIX), this.store.listIncompleteUploads(JOBS_PREFIX)]).catch((error) => {
        throw storageUnavailable('Listing storage usage', error);
      }),
      this.sweeps.latest(),
      this.nextSweep(),
    ]);
    const jobs = await this.perJob(objects);
    const next = jobs.filter((v) => v.expiresAt && v.status !== 'expired').sort((a, b) => (a.expiresAt as string).localeCompare(b.expiresAt as string))[0];
    return {
      objects: objects.length,
      bytes: bytesOf(objects),
      jobs,
      inbox: { objects: inbox.length, bytes: bytesOf(inbox) },
      nextExpiry: next ? { jobId: next.jobId, at: next.expiresAt as string } : null,
      incompleteUploads: { count: incomplete.length, bytes: incomplete.reduce((sum, u) => sum + u.bytes, 0) },
      lastCleanup: lastSweep?.finishedAt.toISOString() ?? null,
      nextCleanup,
      filesCleanedLastRun: lastSweep?.filesDeleted ?? null,
      bytesCleanedLastRun: lastSweep ? lastSweep.bytesDeleted + lastSweep.uploadBytesAborted : null,
      uploadsAbortedLastRun: lastSweep?.uploadsAborted ?? null,
    };
  }

  private async perJob(objects: StoredObject[]): Promise<JobStorageView[]> {
    const perJob = new Map<string, { objects: number; bytes: number }>();
    for (const object of objects) {
      const jobId = jobIdOfKey(object.key);
      if (!jobId) continue;
      const entry = perJob.get(jobId) ?? perJob.set(jobId, { objects: 0, bytes: 0 }).get(jobId)!;
      entry.objects += 1;
      entry.bytes += object.size;
    }
    const jobs = await this.jobs.statuses([...perJob.keys()]);
    const byId = new Map(jobs.map((j) => [j.id, j]));
    return [...perJob.entries()]
      .map(([jobId, size]) => {
        const job = byId.get(jobId);
        return { jobId, dataset: job?.dataset ?? '(unknown)', status: job?.status ?? null, ...size, expiresAt: job?.expiresAt?.toISOString() ?? null };
      })
      .sort((a, b) => b.bytes - a.bytes);
  }

  /** The sweeper schedule's next run; null when it is paused or missing, or Temporal does not answer in time (the rest of the page still shows). */
  private async nextSweep(): Promise<string | null> {
    const description = this.temporal.schedule.getHandle(STORAGE_SWEEPER_SCHEDULE_ID).describe();
    return withTimeout(description, SCHEDULE_DEADLINE_MS)
      .then((d) => (d.state.paused ? null : (d.info.nextActionTimes[0]?.toISOString() ?? null)))
      .catch(() => null);
  }
}
