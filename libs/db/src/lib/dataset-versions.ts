import type { DatasetDefinition, VersionedDataset } from '@sluice/contracts';

import type { PrismaClient } from '../generated/prisma/client';

/** A dataset's current configuration, or null when no dataset has that name. */
export async function currentDatasetVersion(prisma: PrismaClient, name: string): Promise<VersionedDataset | null> {
  const config = await prisma.datasetConfig.findUnique({ where: { name } });
  if (!config) return null;
  const found = await prisma.datasetConfigVersion.findUnique({ where: { datasetName_version: { datasetName: name, version: config.currentVersion } } });
  return found && { version: found.version, definition: found.definition as unknown as DatasetDefinition };
}

/** The current definitions of the named datasets that exist. */
export async function currentDefinitions(prisma: PrismaClient, names: string[]): Promise<Record<string, DatasetDefinition>> {
  const definitions: Record<string, DatasetDefinition> = {};
  for (const name of names) {
    const current = await currentDatasetVersion(prisma, name);
    if (current) definitions[name] = current.definition;
  }
  return definitions;
}
