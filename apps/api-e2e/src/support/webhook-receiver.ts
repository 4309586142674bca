import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { WebhookRecordPayload } from '@sluice/contracts';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  payload: WebhookRecordPayload;
  /** What the receiver answered. */
  status: number;
  at: number;
}

export type Responder = (payload: WebhookRecordPayload, attempt: number) => { status: number; headers?: Record<string, string> };

/** A real HTTP receiver on 127.0.0.1 that records every request and answers as the test says. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  respond: Responder = () => ({ status: 200 });
  private readonly attempts = new Map<string, number>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(request.headers['webhook-id']);
        const attempt = (this.attempts.get(id) ?? 0) + 1;
        this.attempts.set(id, attempt);
        const payload = JSON.parse(body) as WebhookRecordPayload;
        const { status, headers } = this.respond(payload, attempt);
        this.requests.push({ id, headers: request.headers, body, payload, status, at: Date.now() });
        response.writeHead(status, headers).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** Requests the receiver acknowledged with a 2xx. */
  get acknowledged(): ReceivedRequest[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }

  /** Throws unless every request carries a valid Standard Webhooks signature for `secret`. */
  verifyAll(secret: string): void {
    const webhook = new Webhook(secret);
    for (const request of this.requests) webhook.verify(request.body, request.headers as Record<string, string>);
  }

  reset(): void {
    this.requests.length = 0;
    this.attempts.clear();
    this.respond = () => ({ status: 200 });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
