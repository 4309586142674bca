import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { ActivityDeps } from './activity-deps';

/**
 * Runs `work` with the job's staged rows copied to a scratch folder (DuckDB cannot read S3 here: no
 * httpfs), and removes the folder afterwards.
 */
export async function withStagedFiles<T>(deps: ActivityDeps, jobId: string, keys: string[], work: (files: string[], scratch: string) => Promise<T>): Promise<T> {
  const scratch = await mkdtemp(join(tmpdir(), `sluice-${jobId}-`));
  try {
    const files = await Promise.all(
      keys.map(async (key, index) => {
        const file = join(scratch, `staged-${index}.csv`);
        await pipeline(await deps.store.read(key), createWriteStream(file));
        return file;
      }),
    );
    return await work(files, scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
