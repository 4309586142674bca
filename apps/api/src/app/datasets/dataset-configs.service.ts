import { isDeepStrictEqual } from 'node:util';

import { BadRequestException, Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import type { DatasetDefinition, DatasetVersionSummary, VersionedDataset } from '@sluice/contracts';
import { checkDatasetDefinition, PRESET_DATASETS } from '@sluice/core';
import { Prisma, PrismaClient } from '@sluice/db';

import { PRISMA } from '../tokens';

export type { DatasetVersionSummary, VersionedDataset };

/**
 * Dataset configurations in Postgres. Every change is a new immutable version; jobs record the
 * version they ran with, and the next job picks up a change without a restart.
 */
@Injectable()
export class DatasetConfigsService implements OnModuleInit {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * Installs the presets as version 1 of any dataset not configured yet, and moves a preset nobody has
   * edited to the shipped definition when a release changes it.
   */
  async onModuleInit(): Promise<void> {
    for (const preset of PRESET_DATASETS) {
      try {
        await this.prisma.datasetConfig.create({
          data: { name: preset.name, currentVersion: 1, versions: { create: { version: 1, definition: preset as unknown as Prisma.InputJsonValue, origin: 'preset' } } },
        });
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
        const edited = await this.prisma.datasetConfigVersion.count({ where: { datasetName: preset.name, NOT: { origin: { startsWith: 'preset' } } } });
        if (edited === 0) await this.save(preset.name, preset, 'preset update');
      }
    }
  }

  async list(): Promise<VersionedDataset[]> {
    const configs = await this.prisma.datasetConfig.findMany({ orderBy: { name: 'asc' } });
    const versions = await this.prisma.datasetConfigVersion.findMany({
      where: { OR: configs.map((c) => ({ datasetName: c.name, version: c.currentVersion })) },
    });
    return versions.map((v) => ({ version: v.version, definition: v.definition as unknown as DatasetDefinition })).sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  }

  async current(name: string): Promise<VersionedDataset | null> {
    const config = await this.prisma.datasetConfig.findUnique({ where: { name } });
    return config ? this.version(name, config.currentVersion) : null;
  }

  async currentOrThrow(name: string): Promise<VersionedDataset> {
    const found = await this.current(name);
    if (!found) throw new NotFoundException(`Unknown dataset "${name}"`);
    return found;
  }

  async version(name: string, version: number): Promise<VersionedDataset> {
    const found = await this.prisma.datasetConfigVersion.findUnique({ where: { datasetName_version: { datasetName: name, version } } });
    if (!found) throw new NotFoundException(`Dataset "${name}" has no version ${version}`);
    return { version: found.version, definition: found.definition as unknown as DatasetDefinition };
  }

  async versions(name: string): Promise<DatasetVersionSummary[]> {
    const config = await this.prisma.datasetConfig.findUnique({ where: { name }, include: { versions: { orderBy: { version: 'desc' } } } });
    if (!config) throw new NotFoundException(`Unknown dataset "${name}"`);
    return config.versions.map((v) => ({ version: v.version, origin: v.origin, createdAt: v.createdAt.toISOString(), current: v.version === config.currentVersion }));
  }

  /** Validates and stores a definition as the dataset's next version (its first, for a new dataset). */
  async save(name: string, input: unknown, origin: string): Promise<VersionedDataset> {
    const definition = this.validate(name, input);
    return this.prisma.$transaction(async (tx) => {
      // The row lock serialises concurrent saves of one dataset, so versions never collide.
      const [locked] = await tx.$queryRaw<{ currentVersion: number }[]>`SELECT "currentVersion" FROM "DatasetConfig" WHERE name = ${name} FOR UPDATE`;
      if (locked) {
        const current = await tx.datasetConfigVersion.findUniqueOrThrow({ where: { datasetName_version: { datasetName: name, version: locked.currentVersion } } });
        // JSONB reorders keys, so the stored definition is compared by value, not by text.
        if (isDeepStrictEqual(current.definition, definition)) return { version: current.version, definition };
      }
      const version = (locked?.currentVersion ?? 0) + 1;
      const json = definition as unknown as Prisma.InputJsonValue;
      if (locked) {
        await tx.datasetConfigVersion.create({ data: { datasetName: name, version, definition: json, origin } });
        await tx.datasetConfig.update({ where: { name }, data: { currentVersion: version } });
      } else {
        if (await tx.pipelineConfig.count({ where: { name } })) {
          throw new BadRequestException({ message: 'Invalid dataset definition', problems: [{ path: 'name', message: `"${name}" is a pipeline; a dataset needs a name of its own` }] });
        }
        await tx.datasetConfig.create({ data: { name, currentVersion: version, versions: { create: { version, definition: json, origin } } } });
      }
      return { version, definition };
    });
  }

  async restore(name: string, version: number): Promise<VersionedDataset> {
    const old = await this.version(name, version);
    return this.save(name, old.definition, `restore of v${version}`);
  }

  /** Imports several definitions; nothing is saved unless every one is valid. */
  async import(inputs: unknown): Promise<VersionedDataset[]> {
    if (!Array.isArray(inputs)) throw new BadRequestException('Expected a JSON array of dataset definitions');
    const checked = inputs.map((input, index) => {
      const result = checkDatasetDefinition(input);
      return result.ok ? result.definition : { index, problems: result.problems };
    });
    const invalid = checked.filter((c): c is { index: number; problems: { path: string; message: string }[] } => 'problems' in c);
    if (invalid.length) {
      throw new BadRequestException({ message: 'Invalid dataset definitions: nothing was imported', problems: invalid.flatMap((i) => i.problems.map((p) => ({ ...p, path: `${i.index}.${p.path}` }))) });
    }
    const saved: VersionedDataset[] = [];
    for (const definition of checked as DatasetDefinition[]) saved.push(await this.save(definition.name, definition, 'import'));
    return saved;
  }

  private validate(name: string, input: unknown): DatasetDefinition {
    const body = typeof input === 'object' && input !== null ? { ...(input as Record<string, unknown>) } : input;
    if (typeof body === 'object' && body !== null && !('name' in body)) (body as Record<string, unknown>)['name'] = name;
    const result = checkDatasetDefinition(body);
    if (!result.ok) throw new BadRequestException({ message: 'Invalid dataset definition', problems: result.problems });
    if (result.definition.name !== name) {
      throw new BadRequestException({ message: 'Invalid dataset definition', problems: [{ path: 'name', message: `must be "${name}", the dataset in the URL` }] });
    }
    return result.definition;
  }
}
