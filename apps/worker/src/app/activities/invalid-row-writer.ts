import type { ActivityDeps } from './activity-deps';
import { storableText } from './storable-text';

const BATCH_SIZE = 1000;

/** Buffers invalid rows and writes them to Postgres in batches. */
export class InvalidRowWriter {
  private batch: { jobId: string; uploadId: string; line: number; error: string; cells: string[] }[] = [];

  constructor(
    private readonly deps: ActivityDeps,
    private readonly jobId: string,
    private readonly uploadId: string,
  ) {}

  /** A retried attempt starts from the top of the file, so it first removes what an earlier attempt wrote. */
  async reset(): Promise<void> {
    this.batch = [];
    await this.deps.prisma.invalidRow.deleteMany({ where: { jobId: this.jobId, uploadId: this.uploadId } });
  }

  async add(line: number, error: string, cells: string[]): Promise<void> {
    this.batch.push({ jobId: this.jobId, uploadId: this.uploadId, line, error: storableText(error), cells: cells.map(storableText) });
    if (this.batch.length >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    await this.deps.prisma.invalidRow.createMany({ data: rows });
  }
}
