import { isDeepStrictEqual } from 'node:util';

import type { DatasetVersionSummary, PipelineDefinition, PipelineOrigin } from '@sluice/contracts';
import { storedPipelineDefinitionSchema } from '@sluice/core';

import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { jsonValue, parseStored } from '../stored-json';

/** A pipeline's current version, as the API lists it. */
export interface VersionedPipeline {
  version: number;
  definition: PipelineDefinition;
  /** `preset` while it is as shipped, `custom` once saved through the API. */
  origin: PipelineOrigin;
  updatedAt: Date;
}

const CURRENT = { versions: { orderBy: { version: 'desc' as const }, take: 1 } } satisfies Prisma.PipelineConfigInclude;

type ConfigWithCurrent = Prisma.PipelineConfigGetPayload<{ include: typeof CURRENT }>;

function toVersioned(config: ConfigWithCurrent): VersionedPipeline {
  const [current] = config.versions;
  if (!current || current.version !== config.currentVersion) throw new Error(`Pipeline ${config.name} has no version ${config.currentVersion}`);
  return {
    version: current.version,
    definition: parseStored(storedPipelineDefinitionSchema, current.definition, 'PipelineConfigVersion.definition'),
    origin: config.origin === 'preset' ? 'preset' : 'custom',
    updatedAt: config.updatedAt,
  };
}

/**
 * A workspace's pipelines (every method takes it first), versioned like datasets: every change adds an immutable version and moves
 * `currentVersion`, so a job can name the version it ran with.
 */
export class PipelinesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Installs a missing preset, and moves a preset nobody has saved over to the shipped definition (as a new version). */
  async installPreset(workspaceId: string, preset: PipelineDefinition): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.pipelineConfig.createMany({ data: [{ workspaceId, name: preset.name, currentVersion: 1, origin: 'preset' }], skipDuplicates: true }),
      this.prisma.pipelineConfigVersion.createMany({
        data: [{ workspaceId, pipelineName: preset.name, version: 1, definition: jsonValue(preset), origin: 'preset' }],
        skipDuplicates: true,
      }),
    ]);
    await this.addVersion(workspaceId, preset, 'preset update', { onlyWhile: 'preset' });
  }

  async list(workspaceId: string): Promise<VersionedPipeline[]> {
    // Current versions are the newest: versions are only ever added.
    return (await this.prisma.pipelineConfig.findMany({ where: { workspaceId }, orderBy: { name: 'asc' }, include: CURRENT })).map(toVersioned);
  }

  async names(workspaceId: string): Promise<string[]> {
    return (await this.prisma.pipelineConfig.findMany({ where: { workspaceId }, select: { name: true }, orderBy: { name: 'asc' } })).map((p) => p.name);
  }

  /** The pipeline's current version, or null when no pipeline has that name. */
  async current(workspaceId: string, name: string): Promise<VersionedPipeline | null> {
    const config = await this.prisma.pipelineConfig.findUnique({ where: { workspaceId_name: { workspaceId, name } }, include: CURRENT });
    return config && toVersioned(config);
  }

  async exists(workspaceId: string, name: string): Promise<boolean> {
    return (await this.prisma.pipelineConfig.count({ where: { workspaceId, name } })) > 0;
  }

  /** A pipeline's versions, newest first; null when no pipeline has that name. */
  async versions(workspaceId: string, name: string): Promise<DatasetVersionSummary[] | null> {
    const config = await this.prisma.pipelineConfig.findUnique({ where: { workspaceId_name: { workspaceId, name } }, include: { versions: { orderBy: { version: 'desc' } } } });
    if (!config) return null;
    return config.versions.map((v) => ({ version: v.version, origin: v.origin, createdAt: v.createdAt.toISOString(), current: v.version === config.currentVersion }));
  }

  async version(workspaceId: string, name: string, version: number): Promise<PipelineDefinition | null> {
    const found = await this.prisma.pipelineConfigVersion.findUnique({ where: { workspaceId_pipelineName_version: { workspaceId, pipelineName: name, version } } });
    return found && parseStored(storedPipelineDefinitionSchema, found.definition, 'PipelineConfigVersion.definition');
  }

  /** Creates a pipeline, or adds a version when the definition differs from the current one; saved pipelines are `custom`. */
  async save(workspaceId: string, definition: PipelineDefinition): Promise<VersionedPipeline> {
    await this.addVersion(workspaceId, definition, 'update', { origin: 'custom', create: true });
    return (await this.current(workspaceId, definition.name)) as VersionedPipeline;
  }

  /** Removes a pipeline and its versions; false when there was none. Jobs keep their specs. */
  async remove(workspaceId: string, name: string): Promise<boolean> {
    return (await this.prisma.pipelineConfig.deleteMany({ where: { workspaceId, name } })).count > 0;
  }

  /**
   * Adds `definition` as the next version unless it equals the current one. `onlyWhile` skips
   * pipelines whose origin has changed; `origin` sets it along with a new version; `create` makes a
   * missing pipeline with this as version 1.
   */
  private async addVersion(
    workspaceId: string,
    definition: PipelineDefinition,
    versionOrigin: string,
    { onlyWhile, origin, create = false }: { onlyWhile?: string; origin?: string; create?: boolean },
  ): Promise<void> {
    const { name } = definition;
    await this.prisma.$transaction(async (tx) => {
      // The row lock serialises concurrent saves of one pipeline, so versions never collide.
      const [locked] = await tx.$queryRaw<{ currentVersion: number; origin: string }[]>`
        SELECT "currentVersion", origin FROM "PipelineConfig" WHERE "workspaceId" = ${workspaceId}::uuid AND name = ${name} FOR UPDATE`;
      if (!locked && create) {
        const first = { version: 1, definition: jsonValue(definition), origin: versionOrigin };
        await tx.pipelineConfig.create({ data: { workspaceId, name, currentVersion: 1, origin: origin ?? 'custom', versions: { create: first } } });
        return;
      }
      if (!locked || (onlyWhile && locked.origin !== onlyWhile)) return;
      const current = await tx.pipelineConfigVersion.findUnique({
        where: { workspaceId_pipelineName_version: { workspaceId, pipelineName: name, version: locked.currentVersion } },
      });
      // JSONB reorders keys, so the stored definition is compared by value, not by text.
      if (current && isDeepStrictEqual(current.definition, definition)) return;
      const version = locked.currentVersion + 1;
      await tx.pipelineConfigVersion.create({ data: { workspaceId, pipelineName: name, version, definition: jsonValue(definition), origin: versionOrigin } });
      await tx.pipelineConfig.update({ where: { workspaceId_name: { workspaceId, name } }, data: { currentVersion: version, ...(origin ? { origin } : {}) } });
    });
  }
}
