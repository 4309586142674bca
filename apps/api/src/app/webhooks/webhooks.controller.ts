import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CreatedWebhookEndpointView, WebhookEndpointView, WebhookTestResult } from '@sluice/contracts';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { UuidParam } from '../common/params';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookUrlDto } from './webhook-url.dto';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Registered webhook endpoints (their signing secrets are shown only when made)' })
  list(@CurrentWorkspace() workspaceId: string): Promise<WebhookEndpointView[]> {
    return this.endpoints.list(workspaceId);
  }

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Register a webhook URL, answered with its signing secret; an existing registration is returned without it (rotate to get a new one)' })
  @ApiResponse({ status: 400, description: 'Not http(s), or resolves to a loopback, private, link-local or metadata address' })
  register(@CurrentWorkspace() workspaceId: string, @Body() body: WebhookUrlDto): Promise<WebhookEndpointView | CreatedWebhookEndpointView> {
    return this.endpoints.register(workspaceId, body.url);
  }

  @Post('test')
  @Access('write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send one signed sample record to a URL and report status code, latency and error' })
  @ApiResponse({ status: 400, description: 'The URL is refused by the address policy' })
  test(@CurrentWorkspace() workspaceId: string, @Body() body: WebhookUrlDto): Promise<WebhookTestResult> {
    return this.endpoints.test(workspaceId, body.url);
  }

  @Get(':id')
  @Access('read')
  @ApiResponse({ status: 404, description: 'No such endpoint' })
  get(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string): Promise<WebhookEndpointView> {
    return this.endpoints.get(workspaceId, id);
  }

  @Post(':id/rotate-secret')
  @Access('write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the signing secret, answered with the new one (the only time it is shown); later deliveries are signed with it' })
  rotateSecret(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string): Promise<CreatedWebhookEndpointView> {
    return this.endpoints.rotateSecret(workspaceId, id);
  }
}
