import { Inject, Injectable } from '@nestjs/common';
import type { JobStorageView, StorageUsageView } from '@sluice/contracts';
import type { PrismaClient } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';

import { OBJECT_STORE, PRISMA } from '../tokens';

const JOB_KEY = /^jobs\/([^/]+)\//;

/** What the bucket holds per job and in total, and when retention frees space next. */
@Injectable()
export class StorageUsageService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async usage(): Promise<StorageUsageView> {
    const [objects, inbox] = await Promise.all([this.store.list('jobs/'), this.store.list('inbox/')]);
    const perJob = new Map<string, { objects: number; bytes: number }>();
    for (const object of objects) {
      const jobId = JOB_KEY.exec(object.key)?.[1];
      if (!jobId) continue;
      const entry = perJob.get(jobId) ?? perJob.set(jobId, { objects: 0, bytes: 0 }).get(jobId)!;
      entry.objects += 1;
      entry.bytes += object.size;
    }
    const jobs = await this.prisma.job.findMany({ where: { id: { in: [...perJob.keys()] } }, select: { id: true, dataset: true, status: true, expiresAt: true } });
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const views: JobStorageView[] = [...perJob.entries()]
      .map(([jobId, size]) => {
        const job = byId.get(jobId);
        return { jobId, dataset: job?.dataset ?? '(unknown)', status: job?.status ?? null, ...size, expiresAt: job?.expiresAt?.toISOString() ?? null };
      })
      .sort((a, b) => b.bytes - a.bytes);
    const next = views.filter((v) => v.expiresAt && v.status !== 'expired').sort((a, b) => (a.expiresAt as string).localeCompare(b.expiresAt as string))[0];
    return {
      objects: objects.length,
      bytes: objects.reduce((sum, o) => sum + o.size, 0),
      jobs: views,
      inbox: { objects: inbox.length, bytes: inbox.reduce((sum, o) => sum + o.size, 0) },
      nextCleanup: next ? { jobId: next.jobId, at: next.expiresAt as string } : null,
    };
  }
}
