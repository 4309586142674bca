import { Module } from '@nestjs/common';

import { WebhooksModule } from '../webhooks/webhooks.module';
import { JobsController } from './jobs.controller';
import { JobLauncherService } from './job-launcher.service';
import { JobRerunService } from './job-rerun.service';
import { JobResultsService } from './job-results.service';
import { JobsService } from './jobs.service';

@Module({
  imports: [WebhooksModule],
  controllers: [JobsController],
  providers: [JobsService, JobResultsService, JobLauncherService, JobRerunService],
  exports: [JobLauncherService],
})
export class JobsModule {}
