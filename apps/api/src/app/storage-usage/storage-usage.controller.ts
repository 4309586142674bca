import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StorageUsageView } from '@sluice/contracts';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { StorageUsageService } from './storage-usage.service';

@ApiTags('storage')
@Controller('storage')
export class StorageUsageController {
  constructor(private readonly usage: StorageUsageService) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Objects and bytes per job and in total, files waiting in inboxes, and the next cleanup' })
  get(@CurrentWorkspace() workspaceId: string): Promise<StorageUsageView> {
    return this.usage.usage(workspaceId);
  }
}
