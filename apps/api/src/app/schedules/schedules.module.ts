import { Module } from '@nestjs/common';

import { WorkspaceLimitsModule } from '../workspace-limits/workspace-limits.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

@Module({
  imports: [WorkspaceLimitsModule, DatasetsModule],
  controllers: [SchedulesController],
  providers: [SchedulesService],
})
export class SchedulesModule {}
