import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DatasetDefinition, PipelineDefinition } from '@sluice/contracts';
import { checkPipelineDefinition, findPipeline, PRESET_PIPELINES } from '@sluice/core';

import { PrismaClient, resolvePipeline } from '@sluice/db';

import { DatasetConfigsService } from '../datasets/dataset-configs.service';
import { PRISMA } from '../tokens';

export interface ResolvedPipeline {
  pipeline: PipelineDefinition;
  /** The current configuration of every dataset the pipeline reads. */
  definitions: Record<string, DatasetDefinition>;
}

/** Pipelines join datasets; they are checked against the datasets' current configurations whenever used. */
@Injectable()
export class PipelinesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly datasets: DatasetConfigsService,
  ) {}

  list(): PipelineDefinition[] {
    return [...PRESET_PIPELINES];
  }

  get(name: string): PipelineDefinition {
    const pipeline = findPipeline(name);
    if (!pipeline) throw new NotFoundException(`Unknown pipeline "${name}" (known: ${PRESET_PIPELINES.map((p) => p.name).join(', ')})`);
    return pipeline;
  }

  /** The pipeline with its datasets' current definitions; a 400 when an edited dataset no longer fits it. */
  async resolve(name: string): Promise<ResolvedPipeline> {
    const resolved = await resolvePipeline(this.prisma, name);
    if (!resolved) throw new BadRequestException(`Unknown pipeline "${name}" (known: ${PRESET_PIPELINES.map((p) => p.name).join(', ')})`);
    if (!resolved.ok) throw new BadRequestException({ message: `Pipeline "${name}" no longer fits its datasets' current configurations`, problems: resolved.problems });
    return { pipeline: resolved.pipeline, definitions: resolved.definitions };
  }

  /** Checks a pipeline definition against the current datasets without saving anything. */
  async check(input: unknown): Promise<PipelineDefinition> {
    const all = Object.fromEntries((await this.datasets.list()).map((d) => [d.definition.name, d.definition]));
    return this.assertValid(input, all, 'Invalid pipeline definition');
  }

  private assertValid(input: unknown, definitions: Record<string, DatasetDefinition>, message: string): PipelineDefinition {
    const result = checkPipelineDefinition(input, (name) => definitions[name]);
    if (!result.ok) throw new BadRequestException({ message, problems: result.problems });
    return result.definition;
  }
}
