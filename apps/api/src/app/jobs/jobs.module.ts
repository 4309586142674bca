import { Module } from '@nestjs/common';

import { LaunchJob } from '@sluice/jobs';

import { WorkspaceLimitsModule } from '../workspace-limits/workspace-limits.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { JobsController } from './jobs.controller';
import { JOB_USE_CASES } from './job-use-cases';
import { JobResultsService } from './job-results.service';
import { JobsService } from './jobs.service';

@Module({
  imports: [WorkspaceLimitsModule, WebhooksModule],
  controllers: [JobsController],
  providers: [JobsService, JobResultsService, ...JOB_USE_CASES],
  exports: [LaunchJob],
})
export class JobsModule {}
