import { aggregateSensorReadings } from '@sluice/analytics';
import type { JobAggregations } from '@sluice/contracts';

import type { ActivityDeps } from './activity-deps';
import { withStagedFiles } from './staged-files';

/** The dataset's aggregations over its staged records, or null for a dataset that defines none. */
export async function aggregate(
  deps: ActivityDeps,
  input: { jobId: string; dataset: string; stagedKeys: string[] },
): Promise<JobAggregations | null> {
  if (input.dataset !== 'sensor_readings') return null;
  return withStagedFiles(deps, input.jobId, input.stagedKeys, (files) => aggregateSensorReadings(files));
}
