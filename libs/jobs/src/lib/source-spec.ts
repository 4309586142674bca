import type { JobSpec } from '@sluice/contracts';
import type { JobSpecResolution, JobSpecResolver } from '@sluice/db';

import { invalidRequest } from './job-request-error';

/** A dataset or pipeline name nothing has: how a schedule and an inbox claim both word it. */
export const unknownSource = (source: string) => invalidRequest(`Unknown dataset or pipeline "${source}"`);

/**
 * The workspace's source's spec as of now; invalid when nothing has the name, or when it is a pipeline that no
 * longer fits its datasets.
 */
export async function resolveSource(resolver: Pick<JobSpecResolver, 'resolve'>, workspaceId: string, source: string): Promise<JobSpec> {
  const resolved: JobSpecResolution = await resolver.resolve(workspaceId, source);
  if (resolved.ok) return resolved.spec;
  if (resolved.reason === 'misfit') throw invalidRequest(`Pipeline ${source} no longer fits its datasets: ${resolved.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  throw unknownSource(source);
}
