import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { classifyDatabaseError, DatasetsRepository, PipelinesRepository, PresetTargetsRepository } from '@sluice/db';
import { installPresets } from '@sluice/jobs';

/**
 * Every workspace's presets, as version 1 of its own copies: installed into each workspace at start
 * (which also brings unedited presets up to a new release), and into a new workspace when it is made
 * (the identity feature calls `install` through its WORKSPACE_PRESETS port).
 */
@Injectable()
export class WorkspacePresetsInstaller implements OnModuleInit {
  private readonly logger = new Logger(WorkspacePresetsInstaller.name);

  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly pipelines: PipelinesRepository,
    private readonly targets: PresetTargetsRepository,
  ) {}

  install(workspaceId: string): Promise<void> {
    return installPresets({ datasets: this.datasets, pipelines: this.pipelines }, workspaceId);
  }

  async onModuleInit(): Promise<void> {
    const workspaceIds = await this.targets.workspaceIdsAcrossWorkspaces();
    for (const workspaceId of workspaceIds) {
      try {
        await this.install(workspaceId);
      } catch (error) {
        // A workspace removed since it was listed has no presets to get; anything else stops the start.
        if (classifyDatabaseError(error)?.kind !== 'reference') throw error;
        this.logger.warn(`Workspace ${workspaceId} went away while its presets were installed`);
      }
    }
    this.logger.log(`Presets in place in ${workspaceIds.length} workspace${workspaceIds.length === 1 ? '' : 's'}`);
  }
}
