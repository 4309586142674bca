import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DatasetsRepository, PipelinesRepository, PresetTargetsRepository } from '@sluice/db';
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
    for (const workspaceId of workspaceIds) await this.install(workspaceId);
    this.logger.log(`Presets in place in ${workspaceIds.length} workspace${workspaceIds.length === 1 ? '' : 's'}`);
  }
}
