import { DEFAULT_WORKSPACE_ID, type JobStatus } from '@sluice/contracts';
import { randomUUID } from 'node:crypto';

import type { Prisma } from '../../generated/prisma/client';
import { Database } from '../database';
import { databaseUrlFromEnv } from '../prisma-client';
import { openSecretBox, secretKeySourceFromEnv } from '../secrets/secret-key';
import type { NewJob } from '../jobs/new-job';

/** Runs one SQL statement written as a tagged template; values are sent as parameters. */
export type SqlQuery = <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<T[]>;

const sqlOf =
  (client: Pick<Prisma.TransactionClient, '$queryRaw'>): SqlQuery =>
  <T>(strings: TemplateStringsArray, ...values: unknown[]) =>
    client.$queryRaw<T[]>(strings, ...values);

/**
 * The database as integration tests see it: the repositories, a few look-ups and changes no feature
 * needs (moving a job's expiry into the past), and plain SQL for what only SQL can check (triggers,
 * locks, connections).
 */
export class TestDatabase extends Database {
  constructor(url: string = databaseUrlFromEnv(process.env)) {
    super(url, openSecretBox(secretKeySourceFromEnv(process.env)));
  }

  /** One statement on the pool. */
  readonly sql: SqlQuery = sqlOf(this.client);

  /** Statements in one transaction, committed when `work` resolves. */
  transaction<T>(work: (sql: SqlQuery) => Promise<T>, timeoutMs = 20_000): Promise<T> {
    return this.client.$transaction((tx) => work(sqlOf(tx)), { timeout: timeoutMs });
  }

  /** Rows in a table (its name as information_schema gives it). */
  async rowCount(table: string): Promise<number> {
    const [{ count }] = await this.client.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table.replace(/"/g, '""')}"`);
    return Number(count);
  }

  /** Records a job of a dataset as a launcher would, with the dataset's current spec, without starting it. */
  async recordDatasetJob(job: Omit<NewJob, 'spec' | 'datasetVersion'>, workspaceId = DEFAULT_WORKSPACE_ID): Promise<void> {
    const resolved = await this.repositories.jobSpecs.dataset(workspaceId, job.dataset);
    if (!resolved.ok) throw new Error(`Unknown dataset "${job.dataset}"`);
    await this.repositories.jobs.record(workspaceId, { ...job, datasetVersion: resolved.spec.dataset.version, spec: resolved.spec });
  }

  /** A new, empty workspace (no members, no presets), as isolation specs need a second one. */
  async createWorkspace(name = 'Other'): Promise<string> {
    const id = randomUUID();
    await this.client.workspace.create({ data: { id, name } });
    return id;
  }

  async jobCount(): Promise<number> {
    return this.client.job.count();
  }

  async jobIds(): Promise<Set<string>> {
    return new Set((await this.client.job.findMany({ select: { id: true } })).map((job) => job.id));
  }

  async jobStatus(id: string): Promise<JobStatus | null> {
    return (await this.client.job.findUnique({ where: { id }, select: { status: true } }))?.status ?? null;
  }

  async setJobExpiry(id: string, expiresAt: Date): Promise<void> {
    await this.client.job.update({ where: { id }, data: { expiresAt } });
  }

  /** A job's files as stored, in upload order. */
  async uploadsOf(jobId: string): Promise<{ id: string; fileName: string; objectKey: string; rowsProcessed: number }[]> {
    return this.client.upload.findMany({ where: { jobId }, orderBy: { position: 'asc' }, select: { id: true, fileName: true, objectKey: true, rowsProcessed: true } });
  }
}
