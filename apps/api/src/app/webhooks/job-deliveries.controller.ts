import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FailedDeliveryView, Paginated } from '@sluice/contracts';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { UuidParam } from '../common/params';
import { JobDeliveriesService } from './job-deliveries.service';
import { ListFailedDeliveriesDto } from './list-failed-deliveries.dto';
import { UpdateDeliveryRateDto } from './update-delivery-rate.dto';

@ApiTags('jobs')
@Controller('jobs/:id')
export class JobDeliveriesController {
  constructor(private readonly deliveries: JobDeliveriesService) {}

  @Put('rate')
  @Access('write')
  @HttpCode(202)
  @ApiOperation({ summary: "Change a webhook job's records-per-second limit while it runs (a Temporal signal)" })
  @ApiResponse({ status: 409, description: 'Not a webhook job' })
  @ApiResponse({ status: 410, description: 'The job expired' })
  setRate(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string, @Body() body: UpdateDeliveryRateDto): Promise<{ rateLimit: number | null }> {
    return this.deliveries.setRate(workspaceId, id, body?.rateLimit);
  }

  @Get('deliveries/failed')
  @Access('read')
  @ApiOperation({ summary: 'Records whose delivery failed after every attempt, with the last error' })
  failed(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string, @Query() query: ListFailedDeliveriesDto): Promise<Paginated<FailedDeliveryView>> {
    return this.deliveries.failed(workspaceId, id, query);
  }

  @Post('deliveries/retry-failed')
  @Access('write')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay every failed delivery of the job (same message ids)' })
  @ApiResponse({ status: 409, description: 'Nothing to retry, or not a webhook job' })
  @ApiResponse({ status: 410, description: 'The job expired' })
  retryFailed(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string): Promise<{ queued: number }> {
    return this.deliveries.retryFailed(workspaceId, id);
  }
}
