import type { PrismaClient, StorageSweep } from '../../generated/prisma/client';

/** One run of the storage sweeper: what it removed. */
export interface StorageSweepRecord {
  /** The Temporal run that swept, so a retried recording lands once. */
  workflowRunId: string;
  startedAt: Date;
  finishedAt: Date;
  filesDeleted: number;
  bytesDeleted: number;
  uploadsAborted: number;
  uploadBytesAborted: number;
  jobsExpired: number;
}

const toRecord = ({ id: _id, ...row }: StorageSweep): StorageSweepRecord => ({
  ...row,
  bytesDeleted: Number(row.bytesDeleted),
  uploadBytesAborted: Number(row.uploadBytesAborted),
});

export class StorageSweepsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records a run once: recording it again (a retried activity) changes nothing. */
  async record(run: StorageSweepRecord): Promise<void> {
    const { workflowRunId, startedAt, finishedAt, filesDeleted, uploadsAborted, jobsExpired } = run;
    const data = { startedAt, finishedAt, filesDeleted, uploadsAborted, jobsExpired, bytesDeleted: BigInt(run.bytesDeleted), uploadBytesAborted: BigInt(run.uploadBytesAborted) };
    await this.prisma.storageSweep.upsert({ where: { workflowRunId }, create: { workflowRunId, ...data }, update: {} });
  }

  async latest(): Promise<StorageSweepRecord | null> {
    const row = await this.prisma.storageSweep.findFirst({ orderBy: { finishedAt: 'desc' } });
    return row && toRecord(row);
  }

  async byRun(workflowRunId: string): Promise<StorageSweepRecord | null> {
    const row = await this.prisma.storageSweep.findUnique({ where: { workflowRunId } });
    return row && toRecord(row);
  }
}
