import { Module } from '@nestjs/common';

import { DatasetsModule } from '../datasets/datasets.module';
import { JobsModule } from '../jobs/jobs.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  imports: [DatasetsModule, PipelinesModule, JobsModule, WebhooksModule],
  controllers: [UploadsController],
  providers: [UploadsService],
})
export class UploadsModule {}
