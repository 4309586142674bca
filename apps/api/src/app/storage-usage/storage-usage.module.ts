import { Module } from '@nestjs/common';

import { WorkspaceLimitsModule } from '../workspace-limits/workspace-limits.module';
import { StorageUsageController } from './storage-usage.controller';
import { StorageUsageService } from './storage-usage.service';

@Module({
  imports: [WorkspaceLimitsModule],
  controllers: [StorageUsageController],
  providers: [StorageUsageService],
})
export class StorageUsageModule {}
