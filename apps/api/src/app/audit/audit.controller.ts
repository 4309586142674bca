import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEventView } from '@sluice/contracts';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { AuditService } from './audit.service';
import { ListAuditEventsDto } from './list-audit-events.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: "The workspace's audit log, newest first: who did what, on what, when, and whether it was allowed; page with nextBefore" })
  list(@CurrentWorkspace() workspaceId: string, @Query() query: ListAuditEventsDto): Promise<{ events: AuditEventView[]; nextBefore: string | null }> {
    return this.audit.list(workspaceId, query);
  }
}
