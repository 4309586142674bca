import { randomUUID } from 'node:crypto';

import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { WebhookEndpointView, WebhookTestResult } from '@sluice/contracts';
import { type WebhookEndpoint, WebhookEndpointsRepository } from '@sluice/db';
import { registerWebhookEndpoint } from '@sluice/jobs';
import { AddressPolicy, createSigner, generateSigningSecret, WebhookSender } from '@sluice/webhooks';

import { ADDRESS_POLICY, WEBHOOK_SENDER } from '../../infra/tokens';

const toView = (endpoint: WebhookEndpoint): WebhookEndpointView => ({ id: endpoint.id, url: endpoint.url, secret: endpoint.secret, createdAt: endpoint.createdAt.toISOString() });

/** A workspace's webhook receivers: one signing secret per URL, generated here on first use. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(ADDRESS_POLICY) private readonly policy: AddressPolicy,
    @Inject(WEBHOOK_SENDER) private readonly sender: WebhookSender,
  ) {}

  /** The endpoint for `url`, created with a fresh secret if new; a URL the policy refuses is a 400. */
  async register(workspaceId: string, rawUrl: string): Promise<WebhookEndpointView> {
    return toView(await registerWebhookEndpoint({ policy: this.policy, endpoints: this.endpoints }, workspaceId, rawUrl));
  }

  async list(workspaceId: string): Promise<WebhookEndpointView[]> {
    return (await this.endpoints.list(workspaceId)).map(toView);
  }

  async get(workspaceId: string, id: string): Promise<WebhookEndpointView> {
    const endpoint = await this.endpoints.find(workspaceId, id);
    if (!endpoint) throw new NotFoundException(`Webhook endpoint ${id} not found`);
    return toView(endpoint);
  }

  /** A new secret for the endpoint; deliveries signed from now on use it. */
  async rotateSecret(workspaceId: string, id: string): Promise<WebhookEndpointView> {
    await this.get(workspaceId, id);
    return toView(await this.endpoints.setSecret(workspaceId, id, generateSigningSecret()));
  }

  /** Sends one signed sample record and reports how the receiver answered. */
  async test(workspaceId: string, rawUrl: string): Promise<WebhookTestResult> {
    const endpoint = await this.register(workspaceId, rawUrl);
    const messageId = `msg_test_${randomUUID().replace(/-/g, '')}`;
    const body = JSON.stringify({ jobId: 'test', dataset: 'test', recordIndex: 0, data: { message: 'Sluice test delivery', sentAt: new Date().toISOString() } });
    const result = await this.sender.post(endpoint.url, body, createSigner(endpoint.secret)(messageId, body));
    return { url: endpoint.url, endpointId: endpoint.id, messageId, ok: result.ok, statusCode: result.status, latencyMs: result.latencyMs, error: result.error };
  }
}
