import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StorageUsageView } from '@sluice/contracts';

import { StorageUsageService } from './storage-usage.service';

@ApiTags('storage')
@Controller('storage')
export class StorageUsageController {
  constructor(private readonly usage: StorageUsageService) {}

  @Get()
  @ApiOperation({ summary: 'Objects and bytes per job and in total, files waiting in inboxes, and the next cleanup' })
  get(): Promise<StorageUsageView> {
    return this.usage.usage();
  }
}
