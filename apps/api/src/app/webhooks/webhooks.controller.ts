import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CreatedWebhookEndpointView, WebhookEndpointView, WebhookTestResult } from '@sluice/contracts';

import { UuidParam } from '../common/params';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookUrlDto } from './webhook-url.dto';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @ApiOperation({ summary: 'Registered webhook endpoints (their signing secrets are shown only when made)' })
  list(): Promise<WebhookEndpointView[]> {
    return this.endpoints.list();
  }

  @Post()
  @ApiOperation({ summary: 'Register a webhook URL, answered with its signing secret; an existing registration is returned without it (rotate to get a new one)' })
  @ApiResponse({ status: 400, description: 'Not http(s), or resolves to a loopback, private, link-local or metadata address' })
  register(@Body() body: WebhookUrlDto): Promise<WebhookEndpointView | CreatedWebhookEndpointView> {
    return this.endpoints.register(body.url);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send one signed sample record to a URL and report status code, latency and error' })
  @ApiResponse({ status: 400, description: 'The URL is refused by the address policy' })
  test(@Body() body: WebhookUrlDto): Promise<WebhookTestResult> {
    return this.endpoints.test(body.url);
  }

  @Get(':id')
  @ApiResponse({ status: 404, description: 'No such endpoint' })
  get(@UuidParam() id: string): Promise<WebhookEndpointView> {
    return this.endpoints.get(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the signing secret, answered with the new one (the only time it is shown); later deliveries are signed with it' })
  rotateSecret(@UuidParam() id: string): Promise<CreatedWebhookEndpointView> {
    return this.endpoints.rotateSecret(id);
  }
}
