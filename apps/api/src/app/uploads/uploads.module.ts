import { Module } from '@nestjs/common';

import { JobsModule } from '../jobs/jobs.module';
import { UploadsController } from './uploads.controller';

/** POST /uploads: the multipart body is read here, and LaunchJob (from JobsModule) does the rest. */
@Module({
  imports: [JobsModule],
  controllers: [UploadsController],
})
export class UploadsModule {}
