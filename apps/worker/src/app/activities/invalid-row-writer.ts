import type { ActivityFence } from '@sluice/db';

import type { ActivityDeps } from './activity-deps';
import { storableText } from './storable-text';

const BATCH_SIZE = 1000;
/** Rows with very large cells are written sooner, so a batch never holds much memory. */
const BATCH_CHARS = 8 * 1024 * 1024;

/** Buffers invalid rows and writes them to Postgres in batches, under the attempt's fence. */
export class InvalidRowWriter {
  private batch: { jobId: string; uploadId: string; line: number; error: string; cells: string[]; text: string | null }[] = [];
  private batchChars = 0;

  constructor(
    private readonly deps: ActivityDeps,
    private readonly workspaceId: string,
    private readonly jobId: string,
    private readonly uploadId: string,
    private readonly fence: ActivityFence,
  ) {}

  /** A retried attempt starts from the top of the file, so it first removes what an earlier attempt wrote. */
  async reset(): Promise<void> {
    this.batch = [];
    this.batchChars = 0;
    await this.deps.db.jobs.clearInvalidRows(this.workspaceId, this.jobId, this.uploadId, this.fence);
  }

  /** `text` is the row's original text, for a row that could not be split into cells. */
  async add(line: number, error: string, cells: string[], text?: string): Promise<void> {
    this.batch.push({
      jobId: this.jobId,
      uploadId: this.uploadId,
      line,
      error: storableText(error),
      cells: cells.map(storableText),
      text: text === undefined ? null : storableText(text),
    });
    this.batchChars += cells.reduce((sum, cell) => sum + cell.length, text?.length ?? 0);
    if (this.batch.length >= BATCH_SIZE || this.batchChars >= BATCH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    this.batchChars = 0;
    await this.deps.db.jobs.addInvalidRows(this.workspaceId, rows, this.fence);
  }
}
