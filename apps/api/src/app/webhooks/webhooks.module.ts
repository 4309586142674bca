import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AddressPolicy, WebhookSender } from '@sluice/webhooks';

import type { ApiConfig } from '../../infra/config/api-config';
import { ADDRESS_POLICY, API_CONFIG, WEBHOOK_SENDER } from '../../infra/tokens';
import { JobDeliveriesController } from './job-deliveries.controller';
import { JobDeliveriesService } from './job-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhooksController } from './webhooks.controller';

@Module({
  controllers: [WebhooksController, JobDeliveriesController],
  providers: [
    { provide: ADDRESS_POLICY, inject: [API_CONFIG], useFactory: (config: ApiConfig) => AddressPolicy.fromList(config.webhooks.allowedNetworks) },
    {
      provide: WEBHOOK_SENDER,
      inject: [API_CONFIG, ADDRESS_POLICY],
      useFactory: (config: ApiConfig, policy: AddressPolicy) => new WebhookSender({ policy, connections: 4, timeoutMs: config.webhooks.timeoutMs }),
    },
    WebhookEndpointsService,
    JobDeliveriesService,
  ],
  exports: [WebhookEndpointsService, JobDeliveriesService, ADDRESS_POLICY],
})
export class WebhooksModule implements OnApplicationShutdown {
  constructor(@Inject(WEBHOOK_SENDER) private readonly sender: WebhookSender) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sender.close();
  }
}
