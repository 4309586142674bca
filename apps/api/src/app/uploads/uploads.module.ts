import { Module } from '@nestjs/common';

import { DatasetsModule } from '../datasets/datasets.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  imports: [DatasetsModule, WebhooksModule],
  controllers: [UploadsController],
  providers: [UploadsService],
})
export class UploadsModule {}
