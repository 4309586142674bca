import { Module } from '@nestjs/common';

import { DatasetConfigsService } from './dataset-configs.service';
import { DatasetsController } from './datasets.controller';

@Module({
  controllers: [DatasetsController],
  providers: [DatasetConfigsService],
  exports: [DatasetConfigsService],
})
export class DatasetsModule {}
