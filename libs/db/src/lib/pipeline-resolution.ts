import type { DatasetDefinition, PipelineDefinition } from '@sluice/contracts';
import { checkPipelineDefinition, DefinitionProblem, pipelineDatasets } from '@sluice/core';

import type { PrismaClient } from '../generated/prisma/client';
import { currentDefinitions } from './dataset-versions';

/** A pipeline as stored (a preset, or one saved through the API), or null when none has that name. */
export async function storedPipeline(prisma: PrismaClient, name: string): Promise<PipelineDefinition | null> {
  const config = await prisma.pipelineConfig.findUnique({ where: { name } });
  return config && (config.definition as unknown as PipelineDefinition);
}

export type PipelineResolution =
  | { ok: true; pipeline: PipelineDefinition; definitions: Record<string, DatasetDefinition> }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * A pipeline with its datasets' current definitions, checked against them: a dataset edited since
 * the pipeline was written may no longer fit it. Null when no pipeline has that name.
 * The API (uploads) and the worker (scheduled inboxes) both start pipeline jobs through this.
 */
export async function resolvePipeline(prisma: PrismaClient, name: string): Promise<PipelineResolution | null> {
  const pipeline = await storedPipeline(prisma, name);
  if (!pipeline) return null;
  const definitions = await currentDefinitions(prisma, pipelineDatasets(pipeline));
  const check = checkPipelineDefinition(pipeline, (dataset) => definitions[dataset]);
  return check.ok ? { ok: true, pipeline, definitions } : { ok: false, problems: check.problems };
}
