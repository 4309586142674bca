import { Module } from '@nestjs/common';

import { DatasetsModule } from '../datasets/datasets.module';
import { PipelinesController } from './pipelines.controller';
import { PipelinesService } from './pipelines.service';
import { WorkspacePresetsInstaller } from './workspace-presets-installer';

@Module({
  imports: [DatasetsModule],
  controllers: [PipelinesController],
  providers: [PipelinesService, WorkspacePresetsInstaller],
  exports: [PipelinesService, WorkspacePresetsInstaller],
})
export class PipelinesModule {}
