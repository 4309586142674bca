import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { aggregateSensorReadings } from '@sluice/analytics';
import type { JobAggregations } from '@sluice/contracts';
import type { ActivityDeps } from './activity-deps';

/**
 * The dataset's aggregations, or null for a dataset that defines none. DuckDB cannot read S3 here
 * (no httpfs), so staged objects are streamed to a scratch folder first.
 */
export async function aggregate(
  deps: ActivityDeps,
  input: { jobId: string; dataset: string; stagedKeys: string[] },
): Promise<JobAggregations | null> {
  if (input.dataset !== 'sensor_readings') return null;
  const scratch = await mkdtemp(join(tmpdir(), `sluice-${input.jobId}-`));
  try {
    const files = await Promise.all(
      input.stagedKeys.map(async (key, index) => {
        const file = join(scratch, `${index}.csv`);
        await pipeline(await deps.store.read(key), createWriteStream(file));
        return file;
      }),
    );
    return await aggregateSensorReadings(files);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
