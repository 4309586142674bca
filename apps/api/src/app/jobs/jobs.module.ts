import { Module } from '@nestjs/common';

import { JobsController } from './jobs.controller';
import { JobResultsService } from './job-results.service';
import { JobsService } from './jobs.service';

@Module({
  controllers: [JobsController],
  providers: [JobsService, JobResultsService],
})
export class JobsModule {}
