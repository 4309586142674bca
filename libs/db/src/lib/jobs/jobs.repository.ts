import { RUNNING_JOB_STATUSES } from '@sluice/contracts';
import type {
  ColumnMappingView,
  FileOutcome,
  FinishedJobStatus,
  InvalidRowView,
  JobAggregations,
  JobSpec,
  JobStatus,
  JobSummaryView,
  MergeStatsView,
  Paginated,
} from '@sluice/contracts';
import { columnMappingsSchema, jobSpecSchema } from '@sluice/core';
import { z } from 'zod';

import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { type ActivityFence, fencedWrite } from '../fences/activity-fence';
import { jsonValue, parseStored, parseStoredOrNull } from '../stored-json';
import { type JobDetailRecord, toJobDetailRecord, toJobSummaryView } from './job-views';
import { type NewJob, newJobData } from './new-job';

export interface JobListQuery {
  page: number;
  pageSize: number;
  status?: JobStatus;
  dataset?: string;
  /** Jobs created on or after this day (UTC), YYYY-MM-DD. */
  from?: string;
  /** Jobs created on or before this day (UTC). */
  to?: string;
}

/** One of a job's files as stored: where it lives and what it was read as. */
export interface JobFileRecord {
  uploadId: string;
  fileName: string;
  objectKey: string;
  sizeBytes: bigint;
  dataset: string | null;
}

/** What launching again (a rerun, or a retried claim) needs of an existing job. */
export interface StoredJob {
  id: string;
  workflowId: string;
  dataset: string;
  datasetVersion: number | null;
  pipeline: string | null;
  status: JobStatus;
  retentionHours: number;
  rootJobId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  /** Null for jobs recorded before specs were stored. */
  spec: JobSpec | null;
  /** In upload order. */
  files: JobFileRecord[];
  /** The version of the job's output (see Job.outputVersion). */
  outputVersion: number;
}

/** A file of a finished job as its results are built again from it (a rebuild after a merge correction). */
export interface ResultFileRecord {
  uploadId: string;
  dataset: string | null;
  columns: ColumnMappingView[];
  validRows: number;
}

/** A file's outcome as the worker stores it (text already made storable). */
export type FinishedFile = Pick<FileOutcome, 'uploadId' | 'rowsProcessed' | 'validRows' | 'invalidRows' | 'error' | 'columns' | 'cleaned' | 'reading'>;

export interface FinishedJob {
  jobId: string;
  status: FinishedJobStatus;
  files: FinishedFile[];
  aggregations: JobAggregations | null;
  merge: MergeStatsView | null;
  /** Values changed per cleaning rule, over every file. */
  cleaned: Record<string, number>;
  error: string | null;
  retentionMs: number;
}

export interface NewInvalidRow {
  jobId: string;
  uploadId: string;
  line: number;
  error: string;
  cells: string[];
  /** The row's original text, when it could not be split into cells. */
  text?: string | null;
}

const cellsSchema = z.array(z.string());

const INVALID_ROW_ORDER = [{ uploadId: 'asc' as const }, { line: 'asc' as const }];
const FILE_ORDER = [{ uploadedAt: 'asc' as const }, { position: 'asc' as const }];

const toInvalidRowView = (row: { uploadId: string; line: number; error: string }): InvalidRowView => ({ fileId: row.uploadId, row: row.line, error: row.error });

/**
 * How long a launch may wait for its workspace's turn, and take once it has it. Prisma's defaults (2 s / 5 s)
 * are too short when many uploads of one workspace arrive at once on a loaded machine: a launch refused
 * for waiting its turn would be a 500 for a request that did nothing wrong.
 */
const LAUNCH_TURN = { maxWait: 30_000, timeout: 30_000 };

/**
 * Jobs with their files (uploads) and invalid rows: one aggregate, one owner. Every method takes the
 * workspace first and reaches only its jobs (another workspace's id reads as missing); the few that
 * system jobs need across workspaces say so in their name.
 */
export class JobsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records a job, its files (in order) and its delivery settings, in one statement. */
  async record(workspaceId: string, job: NewJob): Promise<void> {
    await this.prisma.job.create({ data: newJobData(workspaceId, job) });
  }

  /**
   * Records a job unless the workspace already has `maxRunning` jobs waiting or processing; returns how
   * many it had. Launches of one workspace take turns (a transaction-scoped advisory lock on the
   * workspace), so uploads arriving at once cannot all slip under the limit.
   */
  async recordWithinLimit(workspaceId: string, job: NewJob, maxRunning: number): Promise<{ recorded: boolean; running: number }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`launch:${workspaceId}`}, 0))`;
      const running = await tx.job.count({ where: { workspaceId, status: { in: [...RUNNING_JOB_STATUSES] } } });
      if (running >= maxRunning) return { recorded: false, running };
      await tx.job.create({ data: newJobData(workspaceId, job) });
      return { recorded: true, running: running + 1 };
    }, LAUNCH_TURN);
  }

  /** Jobs of the workspace waiting or processing now. */
  countRunning(workspaceId: string): Promise<number> {
    return this.prisma.job.count({ where: { workspaceId, status: { in: [...RUNNING_JOB_STATUSES] } } });
  }

  /** Removes a job and everything of it (a launch that Temporal refused). */
  async delete(workspaceId: string, id: string): Promise<void> {
    await this.prisma.job.deleteMany({ where: { id, workspaceId } });
  }

  async exists(workspaceId: string, id: string): Promise<boolean> {
    return (await this.prisma.job.count({ where: { id, workspaceId } })) > 0;
  }

  /** The spec the job was launched with; null for a job recorded before specs were stored and not backfilled. */
  async spec(workspaceId: string, id: string): Promise<JobSpec | null> {
    const job = await this.prisma.job.findUniqueOrThrow({ where: { id, workspaceId }, select: { spec: true } });
    return job.spec === null ? null : parseStored(jobSpecSchema, job.spec, 'Job.spec');
  }

  async stored(workspaceId: string, id: string): Promise<StoredJob | null> {
    const job = await this.prisma.job.findUnique({ where: { id, workspaceId }, include: { uploads: { orderBy: { position: 'asc' } } } });
    if (!job) return null;
    return {
      id: job.id,
      workflowId: job.workflowId,
      dataset: job.dataset,
      datasetVersion: job.datasetVersion,
      pipeline: job.pipeline,
      status: job.status,
      retentionHours: job.retentionHours,
      rootJobId: job.rootJobId,
      createdAt: job.createdAt,
      expiresAt: job.expiresAt,
      spec: job.spec === null ? null : parseStored(jobSpecSchema, job.spec, 'Job.spec'),
      files: job.uploads.map((u) => ({ uploadId: u.id, fileName: u.fileName, objectKey: u.objectKey, sizeBytes: u.sizeBytes, dataset: u.dataset })),
      outputVersion: job.outputVersion,
    };
  }

  /** The job's files in upload order with their column mappings and valid rows, as the job recorded them. */
  async resultFiles(workspaceId: string, jobId: string): Promise<ResultFileRecord[]> {
    const uploads = await this.prisma.upload.findMany({
      where: { jobId, job: { workspaceId } },
      orderBy: { position: 'asc' },
      select: { id: true, dataset: true, headerMapping: true, validRows: true },
    });
    return uploads.map((u) => ({
      uploadId: u.id,
      dataset: u.dataset,
      columns: parseStoredOrNull(columnMappingsSchema, u.headerMapping, 'Upload.headerMapping') ?? [],
      validRows: u.validRows,
    }));
  }

  async list(workspaceId: string, { page, pageSize, status, dataset, from, to }: JobListQuery): Promise<Paginated<JobSummaryView>> {
    const created = { ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}), ...(to ? { lt: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) } : {}) };
    const where = { workspaceId, ...(status ? { status } : {}), ...(dataset ? { dataset } : {}), ...(from || to ? { createdAt: created } : {}) };
    const [total, jobs] = await this.prisma.$transaction([
      this.prisma.job.count({ where }),
      this.prisma.job.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        include: { uploads: { select: { id: true }, orderBy: FILE_ORDER } },
      }),
    ]);
    return { items: jobs.map(toJobSummaryView), total, page, pageSize };
  }

  async detail(workspaceId: string, id: string): Promise<JobDetailRecord | null> {
    const job = await this.prisma.job.findUnique({ where: { id, workspaceId }, include: { uploads: { orderBy: FILE_ORDER } } });
    return job && toJobDetailRecord(job);
  }

  /** The job's first invalid rows (by file, then line) and how many there are in all. */
  async firstInvalidRows(workspaceId: string, jobId: string, take: number): Promise<{ total: number; items: InvalidRowView[] }> {
    const where = { jobId, job: { workspaceId } };
    const items = await this.prisma.invalidRow.findMany({ where, orderBy: INVALID_ROW_ORDER, take });
    const total = items.length < take ? items.length : await this.prisma.invalidRow.count({ where });
    return { total, items: items.map(toInvalidRowView) };
  }

  async invalidRows(workspaceId: string, jobId: string, page: number, pageSize: number): Promise<Paginated<InvalidRowView>> {
    const where = { jobId, job: { workspaceId } };
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.invalidRow.count({ where }),
      this.prisma.invalidRow.findMany({ where, orderBy: INVALID_ROW_ORDER, skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    return { items: rows.map(toInvalidRowView), total, page, pageSize };
  }

  /** Name, status and upload time, for downloads of results. */
  async resultsOwner(workspaceId: string, id: string): Promise<{ dataset: string; status: JobStatus; createdAt: Date } | null> {
    return this.prisma.job.findUnique({ where: { id, workspaceId }, select: { dataset: true, status: true, createdAt: true } });
  }

  /** Dataset, status and expiry of the named jobs that exist. */
  async statuses(workspaceId: string, ids: string[]): Promise<{ id: string; dataset: string; status: JobStatus; expiresAt: Date | null }[]> {
    return this.prisma.job.findMany({ where: { id: { in: ids }, workspaceId }, select: { id: true, dataset: true, status: true, expiresAt: true } });
  }

  /** Status and expiry of the named jobs of any workspace that exist (the storage sweeper's, which serves every workspace). */
  async statusesAcrossWorkspaces(ids: string[]): Promise<{ id: string; status: JobStatus }[]> {
    return this.prisma.job.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
  }

  /** A schedule's latest jobs, newest first. */
  async latestOfSchedule(workspaceId: string, scheduleId: string, take: number): Promise<{ id: string; status: JobStatus; createdAt: Date }[]> {
    return this.prisma.job.findMany({ where: { scheduleId, workspaceId }, orderBy: { createdAt: 'desc' }, take, select: { id: true, status: true, createdAt: true } });
  }

  /** Jobs of every workspace whose expiry passed before `cutoff` and that are not marked expired, oldest expiry first (the storage sweeper's). */
  async pastExpiryAcrossWorkspaces(cutoff: Date, take: number): Promise<{ id: string; workflowId: string }[]> {
    return this.prisma.job.findMany({
      where: { status: { not: 'expired' }, expiresAt: { lt: cutoff } },
      select: { id: true, workflowId: true },
      orderBy: { expiresAt: 'asc' },
      take,
    });
  }

  async markProcessing(workspaceId: string, id: string): Promise<void> {
    // Only the first attempt sets the start time, so the duration covers retries too.
    await this.prisma.job.updateMany({ where: { id, workspaceId, startedAt: null }, data: { startedAt: new Date() } });
    await this.prisma.job.update({ where: { id, workspaceId }, data: { status: 'processing' } });
  }

  /** Stores a job's outcome and its files', in one transaction, and starts its retention. */
  async finish(workspaceId: string, outcome: FinishedJob): Promise<void> {
    const { prisma } = this;
    const job = await prisma.job.findUniqueOrThrow({ where: { id: outcome.jobId, workspaceId }, select: { startedAt: true, createdAt: true } });
    const finishedAt = new Date();
    const sum = (pick: (f: FinishedFile) => number) => outcome.files.reduce((total, f) => total + pick(f), 0);
    await prisma.$transaction([
      ...outcome.files.map((file) =>
        prisma.upload.update({
          where: { id: file.uploadId, jobId: outcome.jobId },
          data: {
            rowsProcessed: file.rowsProcessed,
            validRows: file.validRows,
            invalidRows: file.invalidRows,
            error: file.error,
            headerMapping: file.columns.map((c) => jsonValue(c)),
            cleaned: file.cleaned,
            ...(file.reading ? { reading: jsonValue(file.reading) } : {}),
          },
        }),
      ),
      prisma.job.update({
        where: { id: outcome.jobId, workspaceId },
        data: {
          status: outcome.status,
          finishedAt,
          durationMs: finishedAt.getTime() - (job.startedAt ?? job.createdAt).getTime(),
          validRows: sum((f) => f.validRows),
          invalidRowCount: sum((f) => f.invalidRows),
          ...(outcome.files.length ? { rowsProcessed: sum((f) => f.rowsProcessed) } : {}),
          aggregations: outcome.aggregations ? jsonValue(outcome.aggregations) : Prisma.DbNull,
          error: outcome.error,
          cleaned: outcome.cleaned,
          mergeStats: outcome.merge ? jsonValue(outcome.merge) : Prisma.DbNull,
          expiresAt: new Date(finishedAt.getTime() + outcome.retentionMs),
        },
      }),
    ]);
  }

  async markExpired(workspaceId: string, id: string): Promise<void> {
    await this.prisma.job.update({ where: { id, workspaceId }, data: { status: 'expired', expiredAt: new Date() } });
  }

  /** Marks the named jobs of any workspace expired (those not already); how many it marked (the storage sweeper's). */
  async markManyExpiredAcrossWorkspaces(ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    return (await this.prisma.job.updateMany({ where: { id: { in: ids }, status: { not: 'expired' } }, data: { status: 'expired', expiredAt: new Date() } })).count;
  }

  /** Sets a pipeline job's file's dataset, once detected from its headers. */
  async setFileDataset(workspaceId: string, uploadId: string, dataset: string): Promise<void> {
    await this.prisma.upload.update({ where: { id: uploadId, job: { workspaceId } }, data: { dataset } });
  }

  /** A file's rows processed so far, and the job's as their sum, in one transaction; a replaced attempt's (see ActivityFence) are dropped. */
  async saveProgress(workspaceId: string, jobId: string, uploadId: string, rowsProcessed: number, fence?: ActivityFence): Promise<void> {
    await fencedWrite(this.prisma, fence, async (tx) => {
      await tx.upload.update({ where: { id: uploadId, jobId, job: { workspaceId } }, data: { rowsProcessed } });
      await tx.$executeRaw`UPDATE "Job" SET "rowsProcessed" = (SELECT COALESCE(SUM("rowsProcessed"), 0) FROM "Upload" WHERE "jobId" = ${jobId}::uuid) WHERE id = ${jobId}::uuid AND "workspaceId" = ${workspaceId}::uuid`;
    });
  }

  /** Removes a file's invalid rows (a retried attempt starts from the top of the file). */
  async clearInvalidRows(workspaceId: string, jobId: string, uploadId: string, fence?: ActivityFence): Promise<void> {
    await fencedWrite(this.prisma, fence, (tx) => tx.invalidRow.deleteMany({ where: { jobId, uploadId, job: { workspaceId } } }));
  }

  /** Stores rows of the workspace's jobs; a row naming another workspace's job (or none) stores nothing. */
  async addInvalidRows(workspaceId: string, rows: NewInvalidRow[], fence?: ActivityFence): Promise<void> {
    if (!rows.length) return;
    const jobIds = [...new Set(rows.map((r) => r.jobId))];
    await fencedWrite(this.prisma, fence, async (tx) => {
      const owned = await tx.job.count({ where: { id: { in: jobIds }, workspaceId } });
      if (owned !== jobIds.length) throw new Error(`Invalid rows name a job outside workspace ${workspaceId}`);
      await tx.invalidRow.createMany({ data: rows });
    });
  }

  /** A job's files' names, by upload id. */
  async fileNames(workspaceId: string, jobId: string): Promise<Map<string, string>> {
    const uploads = await this.prisma.upload.findMany({ where: { jobId, job: { workspaceId } }, select: { id: true, fileName: true } });
    return new Map(uploads.map((u) => [u.id, u.fileName]));
  }

  /** A page of a job's invalid rows with their cells, after `afterId` (keyset paging, for exports). */
  async invalidRowsAfter(
    workspaceId: string,
    jobId: string,
    afterId: bigint | null,
    take: number,
  ): Promise<{ id: bigint; uploadId: string; line: number; error: string; cells: string[] | null; text: string | null }[]> {
    const rows = await this.prisma.invalidRow.findMany({
      where: { jobId, job: { workspaceId }, ...(afterId === null ? {} : { id: { gt: afterId } }) },
      orderBy: { id: 'asc' },
      take,
    });
    return rows.map((r) => ({ id: r.id, uploadId: r.uploadId, line: r.line, error: r.error, cells: parseStoredOrNull(cellsSchema, r.cells, 'InvalidRow.cells'), text: r.text }));
  }
}
