import type { PrismaClient } from '../../generated/prisma/client';

/** Where presets go: every workspace gets its own copies. */
export class PresetTargetsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Every workspace's id, oldest first: the API's start installs presets (and their updates) into each. */
  async workspaceIdsAcrossWorkspaces(): Promise<string[]> {
    return (await this.prisma.workspace.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } })).map((w) => w.id);
  }
}
