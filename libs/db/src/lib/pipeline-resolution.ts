import type { DatasetDefinition, PipelineDefinition } from '@sluice/contracts';
import { checkPipelineDefinition, DefinitionProblem, findPipeline, pipelineDatasets } from '@sluice/core';

import type { PrismaClient } from '../generated/prisma/client';
import { currentDefinitions } from './dataset-versions';

export type PipelineResolution =
  | { ok: true; pipeline: PipelineDefinition; definitions: Record<string, DatasetDefinition> }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * A pipeline with its datasets' current definitions, checked against them: a dataset edited since
 * the pipeline was written may no longer fit it. Null when no pipeline has that name.
 * The API (uploads) and the worker (scheduled inboxes) both start pipeline jobs through this.
 */
export async function resolvePipeline(prisma: PrismaClient, name: string): Promise<PipelineResolution | null> {
  const pipeline = findPipeline(name);
  if (!pipeline) return null;
  const definitions = await currentDefinitions(prisma, pipelineDatasets(pipeline));
  const check = checkPipelineDefinition(pipeline, (dataset) => definitions[dataset]);
  return check.ok ? { ok: true, pipeline, definitions } : { ok: false, problems: check.problems };
}
