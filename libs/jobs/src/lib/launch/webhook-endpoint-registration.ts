import { randomUUID } from 'node:crypto';

import type { WebhookEndpoint, WebhookEndpointsRepository } from '@sluice/db';
import { type AddressPolicy, generateSigningSecret, RefusedDestinationError } from '@sluice/webhooks';

import { invalidRequest } from '../job-request-error';

export interface WebhookEndpointDeps {
  policy: Pick<AddressPolicy, 'checkResolvedUrl'>;
  endpoints: Pick<WebhookEndpointsRepository, 'ensure'>;
}

/** The workspace's endpoint for `url`, created with a fresh signing secret if new; a URL the address policy refuses, or whose host does not resolve, is invalid. */
export async function registerWebhookEndpoint({ policy, endpoints }: WebhookEndpointDeps, workspaceId: string, rawUrl: string): Promise<WebhookEndpoint> {
  let url: string;
  try {
    url = (await policy.checkResolvedUrl(rawUrl.trim())).toString();
  } catch (error) {
    if (error instanceof RefusedDestinationError) throw invalidRequest(error.message);
    const code = (error as { code?: string }).code;
    throw invalidRequest(`Cannot resolve the webhook host of "${rawUrl}"${code ? ` (${code})` : ''}`);
  }
  return endpoints.ensure(workspaceId, url, { id: randomUUID(), secret: generateSigningSecret() });
}
