import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { DatasetDefinition, DatasetVersionSummary, PipelineDefinition, StoredPipeline } from '@sluice/contracts';
import { checkPipelineDefinition, PRESET_PIPELINES } from '@sluice/core';
import { PipelinesRepository, SchedulesRepository, VersionedPipeline } from '@sluice/db';

import { DatasetConfigsService } from '../datasets/dataset-configs.service';

function view(pipeline: VersionedPipeline): StoredPipeline {
  return { definition: pipeline.definition, origin: pipeline.origin, updatedAt: pipeline.updatedAt.toISOString() };
}

/**
 * A workspace's pipelines join its datasets. The presets are installed by WorkspacePresetsInstaller; users save their own (or change a
 * preset) through PUT. They are checked against the datasets' current configurations when saved
 * and again whenever a job uses them, since a dataset may have changed in between.
 */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly pipelines: PipelinesRepository,
    private readonly schedules: SchedulesRepository,
    private readonly datasets: DatasetConfigsService,
  ) {}

  async list(workspaceId: string): Promise<StoredPipeline[]> {
    return (await this.pipelines.list(workspaceId)).map(view);
  }

  async get(workspaceId: string, name: string): Promise<StoredPipeline> {
    const found = await this.pipelines.current(workspaceId, name);
    if (!found) throw new NotFoundException(`Unknown pipeline "${name}"`);
    return view(found);
  }

  /** The pipeline's versions, newest first, like a dataset's. */
  async versions(workspaceId: string, name: string): Promise<DatasetVersionSummary[]> {
    const found = await this.pipelines.versions(workspaceId, name);
    if (!found) throw new NotFoundException(`Unknown pipeline "${name}"`);
    return found;
  }

  async version(workspaceId: string, name: string, version: number): Promise<{ version: number; definition: PipelineDefinition }> {
    const definition = await this.pipelines.version(workspaceId, name, version);
    if (!definition) throw new NotFoundException(`Pipeline "${name}" has no version ${version}`);
    return { version, definition };
  }

  /** Names of every pipeline, for messages that list them. */
  async names(workspaceId: string): Promise<string[]> {
    return this.pipelines.names(workspaceId);
  }

  /** Checks a pipeline definition against the current datasets without saving anything. */
  async check(workspaceId: string, input: unknown): Promise<PipelineDefinition> {
    return this.assertValid(input, await this.currentDatasets(workspaceId), 'Invalid pipeline definition');
  }

  /** Creates or replaces a pipeline. Its name is the one in the URL and must not be a dataset's, since jobs, schedules and metrics name either. */
  async save(workspaceId: string, name: string, input: unknown): Promise<StoredPipeline> {
    const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? { name, ...(input as Record<string, unknown>) } : input;
    const datasets = await this.currentDatasets(workspaceId);
    const definition = this.assertValid(body, datasets, 'Invalid pipeline definition');
    const problem = (message: string) => new BadRequestException({ message: 'Invalid pipeline definition', problems: [{ path: 'name', message }] });
    if (definition.name !== name) throw problem(`must be "${name}", the pipeline in the URL`);
    if (datasets[name]) throw problem(`"${name}" is a dataset; a pipeline needs a name of its own`);
    return view(await this.pipelines.save(workspaceId, definition));
  }

  /** Removes a user's pipeline; presets stay, and so does a pipeline a schedule still collects files for. Recorded metrics are kept. */
  async remove(workspaceId: string, name: string): Promise<void> {
    if (!(await this.pipelines.exists(workspaceId, name))) throw new NotFoundException(`Unknown pipeline "${name}"`);
    if (PRESET_PIPELINES.some((p) => p.name === name)) throw new ConflictException(`"${name}" is shipped with Sluice and cannot be deleted; save over it to change it`);
    const schedules = await this.schedules.idsOfSource(workspaceId, name);
    if (schedules.length) throw new ConflictException(`Pipeline "${name}" is used by schedule ${schedules.join(', ')}; delete that first`);
    await this.pipelines.remove(workspaceId, name);
  }

  private async currentDatasets(workspaceId: string): Promise<Record<string, DatasetDefinition>> {
    return Object.fromEntries((await this.datasets.list(workspaceId)).map((d) => [d.definition.name, d.definition]));
  }

  private assertValid(input: unknown, definitions: Record<string, DatasetDefinition>, message: string): PipelineDefinition {
    const result = checkPipelineDefinition(input, (name) => definitions[name]);
    if (!result.ok) throw new BadRequestException({ message, problems: result.problems });
    return result.definition;
  }
}
