import { isDeepStrictEqual } from 'node:util';

import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import type { DatasetDefinition, PipelineDefinition, StoredPipeline } from '@sluice/contracts';
import { checkPipelineDefinition, inDocumentedOrder, PRESET_PIPELINES } from '@sluice/core';
import { PipelineConfig, Prisma, PrismaClient, resolvePipeline } from '@sluice/db';

import { DatasetConfigsService } from '../datasets/dataset-configs.service';
import { PRISMA } from '../tokens';

export interface ResolvedPipeline {
  pipeline: PipelineDefinition;
  /** The current configuration of every dataset the pipeline reads. */
  definitions: Record<string, DatasetDefinition>;
}

function view(config: PipelineConfig): StoredPipeline {
  return { definition: inDocumentedOrder(config.definition as unknown as PipelineDefinition), origin: config.origin === 'preset' ? 'preset' : 'custom', updatedAt: config.updatedAt.toISOString() };
}

/**
 * Pipelines join datasets. The presets are installed at start; users save their own (or change a
 * preset) through PUT. They are checked against the datasets' current configurations when saved
 * and again whenever a job uses them, since a dataset may have changed in between.
 */
@Injectable()
export class PipelinesService implements OnModuleInit {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly datasets: DatasetConfigsService,
  ) {}

  /** Installs missing presets, and moves a preset nobody has saved over to the shipped definition. */
  async onModuleInit(): Promise<void> {
    for (const preset of PRESET_PIPELINES) {
      const definition = preset as unknown as Prisma.InputJsonValue;
      await this.prisma.pipelineConfig.createMany({ data: [{ name: preset.name, definition, origin: 'preset' }], skipDuplicates: true });
      await this.prisma.pipelineConfig.updateMany({ where: { name: preset.name, origin: 'preset' }, data: { definition } });
    }
  }

  async list(): Promise<StoredPipeline[]> {
    return (await this.prisma.pipelineConfig.findMany({ orderBy: { name: 'asc' } })).map(view);
  }

  async get(name: string): Promise<StoredPipeline> {
    const config = await this.prisma.pipelineConfig.findUnique({ where: { name } });
    if (!config) throw new NotFoundException(`Unknown pipeline "${name}"`);
    return view(config);
  }

  /** The pipeline with its datasets' current definitions; a 400 when it is unknown or an edited dataset no longer fits it. */
  async resolve(name: string): Promise<ResolvedPipeline> {
    const resolved = await resolvePipeline(this.prisma, name);
    if (!resolved) throw new BadRequestException(`Unknown pipeline "${name}" (known: ${(await this.names()).join(', ')})`);
    if (!resolved.ok) throw new BadRequestException({ message: `Pipeline "${name}" no longer fits its datasets' current configurations`, problems: resolved.problems });
    return { pipeline: resolved.pipeline, definitions: resolved.definitions };
  }

  /** Checks a pipeline definition against the current datasets without saving anything. */
  async check(input: unknown): Promise<PipelineDefinition> {
    return this.assertValid(input, await this.currentDatasets(), 'Invalid pipeline definition');
  }

  /** Creates or replaces a pipeline. Its name is the one in the URL and must not be a dataset's, since jobs, schedules and metrics name either. */
  async save(name: string, input: unknown): Promise<StoredPipeline> {
    const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? { name, ...(input as Record<string, unknown>) } : input;
    const datasets = await this.currentDatasets();
    const definition = this.assertValid(body, datasets, 'Invalid pipeline definition');
    const problem = (message: string) => new BadRequestException({ message: 'Invalid pipeline definition', problems: [{ path: 'name', message }] });
    if (definition.name !== name) throw problem(`must be "${name}", the pipeline in the URL`);
    if (datasets[name]) throw problem(`"${name}" is a dataset; a pipeline needs a name of its own`);
    const existing = await this.prisma.pipelineConfig.findUnique({ where: { name } });
    if (existing && isDeepStrictEqual(existing.definition, definition)) return view(existing);
    const json = definition as unknown as Prisma.InputJsonValue;
    return view(await this.prisma.pipelineConfig.upsert({ where: { name }, create: { name, definition: json, origin: 'custom' }, update: { definition: json, origin: 'custom' } }));
  }

  /** Removes a user's pipeline; presets stay, and so does a pipeline a schedule still collects files for. Recorded metrics are kept. */
  async remove(name: string): Promise<void> {
    const config = await this.prisma.pipelineConfig.findUnique({ where: { name } });
    if (!config) throw new NotFoundException(`Unknown pipeline "${name}"`);
    if (PRESET_PIPELINES.some((p) => p.name === name)) throw new ConflictException(`"${name}" is shipped with Sluice and cannot be deleted; save over it to change it`);
    const schedules = await this.prisma.inboxSchedule.findMany({ where: { source: name }, select: { id: true } });
    if (schedules.length) throw new ConflictException(`Pipeline "${name}" is used by schedule ${schedules.map((s) => s.id).join(', ')}; delete that first`);
    await this.prisma.pipelineConfig.delete({ where: { name } });
  }

  private async names(): Promise<string[]> {
    return (await this.prisma.pipelineConfig.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((p) => p.name);
  }

  private async currentDatasets(): Promise<Record<string, DatasetDefinition>> {
    return Object.fromEntries((await this.datasets.list()).map((d) => [d.definition.name, d.definition]));
  }

  private assertValid(input: unknown, definitions: Record<string, DatasetDefinition>, message: string): PipelineDefinition {
    const result = checkPipelineDefinition(input, (name) => definitions[name]);
    if (!result.ok) throw new BadRequestException({ message, problems: result.problems });
    return result.definition;
  }
}
