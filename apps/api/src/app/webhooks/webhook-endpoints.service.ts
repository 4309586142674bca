import { randomUUID } from 'node:crypto';

import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CreatedWebhookEndpointView, WebhookEndpointView, WebhookTestResult } from '@sluice/contracts';
import { type WebhookEndpoint, WebhookEndpointsRepository } from '@sluice/db';
import { registerWebhookEndpoint } from '@sluice/jobs';
import { AddressPolicy, createSigner, generateSigningSecret, WebhookSender } from '@sluice/webhooks';

import { ADDRESS_POLICY, WEBHOOK_SENDER } from '../../infra/tokens';

const toView = (endpoint: WebhookEndpoint): WebhookEndpointView => ({ id: endpoint.id, url: endpoint.url, createdAt: endpoint.createdAt.toISOString() });
const withSecret = (endpoint: WebhookEndpoint): CreatedWebhookEndpointView => ({ ...toView(endpoint), secret: endpoint.secret });

/** A workspace's webhook receivers: one signing secret per URL, generated here on first use. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(ADDRESS_POLICY) private readonly policy: AddressPolicy,
    @Inject(WEBHOOK_SENDER) private readonly sender: WebhookSender,
  ) {}

  /** The endpoint for `url`, created with a fresh secret if new (shown then only); a URL the policy refuses is a 400. */
  async register(workspaceId: string, rawUrl: string): Promise<WebhookEndpointView | CreatedWebhookEndpointView> {
    const { endpoint, created } = await this.ensure(workspaceId, rawUrl);
    return created ? withSecret(endpoint) : toView(endpoint);
  }

  /** The endpoint and whether this call made it (its id is then the one generated for it). */
  private async ensure(workspaceId: string, rawUrl: string): Promise<{ endpoint: WebhookEndpoint; created: boolean }> {
    let createdId: string | undefined;
    const endpoints = {
      ensure: (ws: string, url: string, fresh: { id: string; secret: string }) => {
        createdId = fresh.id;
        return this.endpoints.ensure(ws, url, fresh);
      },
    };
    const endpoint = await registerWebhookEndpoint({ policy: this.policy, endpoints }, workspaceId, rawUrl);
    return { endpoint, created: endpoint.id === createdId };
  }

  async list(workspaceId: string): Promise<WebhookEndpointView[]> {
    return (await this.endpoints.list(workspaceId)).map(toView);
  }

  async get(workspaceId: string, id: string): Promise<WebhookEndpointView> {
    const endpoint = await this.endpoints.find(workspaceId, id);
    if (!endpoint) throw new NotFoundException(`Webhook endpoint ${id} not found`);
    return toView(endpoint);
  }

  /** A new secret for the endpoint, shown in this answer only; deliveries signed from now on use it. */
  async rotateSecret(workspaceId: string, id: string): Promise<CreatedWebhookEndpointView> {
    await this.get(workspaceId, id);
    return withSecret(await this.endpoints.setSecret(workspaceId, id, generateSigningSecret()));
  }

  /** Sends one signed sample record and reports how the receiver answered. */
  async test(workspaceId: string, rawUrl: string): Promise<WebhookTestResult> {
    const { endpoint } = await this.ensure(workspaceId, rawUrl);
    const messageId = `msg_test_${randomUUID().replace(/-/g, '')}`;
    const body = JSON.stringify({ jobId: 'test', dataset: 'test', recordIndex: 0, data: { message: 'Sluice test delivery', sentAt: new Date().toISOString() } });
    const result = await this.sender.post(endpoint.url, body, createSigner(endpoint.secret)(messageId, body));
    return { url: endpoint.url, endpointId: endpoint.id, messageId, ok: result.ok, statusCode: result.status, latencyMs: result.latencyMs, error: result.error };
  }
}
