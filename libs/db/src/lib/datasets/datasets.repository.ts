import { isDeepStrictEqual } from 'node:util';

import type { DatasetDefinition, DatasetVersionSummary, VersionedDataset } from '@sluice/contracts';
import { storedDatasetDefinitionSchema } from '@sluice/core';

import type { PrismaClient } from '../../generated/prisma/client';
import { classifyDatabaseError } from '../errors/database-error';
import { jsonValue, parseStored } from '../stored-json';

const toVersioned = (row: { version: number; definition: unknown }): VersionedDataset => ({
  version: row.version,
  definition: parseStored(storedDatasetDefinitionSchema, row.definition, 'DatasetConfigVersion.definition'),
});

/** Why a definition was not saved. */
export type DatasetSaveRefusal = 'name_is_pipeline';

/**
 * Dataset configurations of a workspace (every method takes it first): every change is a new immutable version and moves `currentVersion`;
 * jobs record the version they ran with.
 */
export class DatasetsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Installs a preset as version 1 when no dataset has its name, and moves a preset nobody has
   * edited to the shipped definition when a release changes it.
   */
  async installPreset(workspaceId: string, preset: DatasetDefinition): Promise<void> {
    try {
      await this.prisma.datasetConfig.create({
        data: { workspaceId, name: preset.name, currentVersion: 1, versions: { create: { version: 1, definition: jsonValue(preset), origin: 'preset' } } },
      });
    } catch (error) {
      if (classifyDatabaseError(error)?.kind !== 'conflict') throw error;
      const edited = await this.prisma.datasetConfigVersion.count({ where: { workspaceId, datasetName: preset.name, NOT: { origin: { startsWith: 'preset' } } } });
      if (edited === 0) await this.save(workspaceId, preset, 'preset update');
    }
  }

  /** Every dataset's current version, by name. */
  async list(workspaceId: string): Promise<VersionedDataset[]> {
    const configs = await this.prisma.datasetConfig.findMany({ where: { workspaceId }, orderBy: { name: 'asc' } });
    if (!configs.length) return [];
    const versions = await this.prisma.datasetConfigVersion.findMany({ where: { workspaceId, OR: configs.map((c) => ({ datasetName: c.name, version: c.currentVersion })) } });
    return versions.map(toVersioned).sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  }

  /** A dataset's current configuration, or null when no dataset has that name. */
  async current(workspaceId: string, name: string): Promise<VersionedDataset | null> {
    const config = await this.prisma.datasetConfig.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
    return config && this.version(workspaceId, name, config.currentVersion);
  }

  /** Whether the workspace has any dataset (presets are installed into a workspace that has none). */
  async any(workspaceId: string): Promise<boolean> {
    return (await this.prisma.datasetConfig.count({ where: { workspaceId }, take: 1 })) > 0;
  }

  /** The current configurations of the named datasets that exist, by name. */
  async currentOf(workspaceId: string, names: string[]): Promise<Record<string, VersionedDataset>> {
    const found: Record<string, VersionedDataset> = {};
    for (const name of names) {
      const current = await this.current(workspaceId, name);
      if (current) found[name] = current;
    }
    return found;
  }

  async version(workspaceId: string, name: string, version: number): Promise<VersionedDataset | null> {
    const found = await this.prisma.datasetConfigVersion.findUnique({ where: { workspaceId_datasetName_version: { workspaceId, datasetName: name, version } } });
    return found && toVersioned(found);
  }

  /** A dataset's versions, newest first; null when no dataset has that name. */
  async versions(workspaceId: string, name: string): Promise<DatasetVersionSummary[] | null> {
    const config = await this.prisma.datasetConfig.findUnique({ where: { workspaceId_name: { workspaceId, name } }, include: { versions: { orderBy: { version: 'desc' } } } });
    if (!config) return null;
    return config.versions.map((v) => ({ version: v.version, origin: v.origin, createdAt: v.createdAt.toISOString(), current: v.version === config.currentVersion }));
  }

  /**
   * Stores a checked definition as the dataset's next version (its first, for a new dataset); an
   * unchanged definition keeps the current version. A new dataset may not take a pipeline's name.
   */
  async save(workspaceId: string, definition: DatasetDefinition, origin: string): Promise<VersionedDataset | DatasetSaveRefusal> {
    const { name } = definition;
    const key = { workspaceId_name: { workspaceId, name } };
    return this.prisma.$transaction(async (tx) => {
      // The row lock serialises concurrent saves of one dataset, so versions never collide.
      const [locked] = await tx.$queryRaw<{ currentVersion: number }[]>`
        SELECT "currentVersion" FROM "DatasetConfig" WHERE "workspaceId" = ${workspaceId}::uuid AND name = ${name} FOR UPDATE`;
      if (locked) {
        const current = await tx.datasetConfigVersion.findUniqueOrThrow({
          where: { workspaceId_datasetName_version: { workspaceId, datasetName: name, version: locked.currentVersion } },
        });
        // JSONB reorders keys, so the stored definition is compared by value, not by text.
        if (isDeepStrictEqual(current.definition, definition)) return { version: current.version, definition };
      }
      const version = (locked?.currentVersion ?? 0) + 1;
      const json = jsonValue(definition);
      if (locked) {
        await tx.datasetConfigVersion.create({ data: { workspaceId, datasetName: name, version, definition: json, origin } });
        await tx.datasetConfig.update({ where: key, data: { currentVersion: version } });
      } else {
        if (await tx.pipelineConfig.count({ where: { workspaceId, name } })) return 'name_is_pipeline' as const;
        await tx.datasetConfig.create({ data: { workspaceId, name, currentVersion: version, versions: { create: { version, definition: json, origin } } } });
      }
      return { version, definition };
    });
  }
}
