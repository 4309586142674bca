import { Module } from '@nestjs/common';

import { WORKSPACE_PRESETS } from '../../infra/auth/workspace-presets';
import { WorkspacePresetsInstaller } from './workspace-presets-installer';

/** The shipped datasets and pipelines, installed into every workspace at start and into each new one. */
@Module({
  providers: [WorkspacePresetsInstaller, { provide: WORKSPACE_PRESETS, useExisting: WorkspacePresetsInstaller }],
  exports: [WORKSPACE_PRESETS],
})
export class PresetsModule {}
