import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { AddressPolicy } from './address-policy';
import { WebhookSender } from './webhook-sender';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('WebhookSender', () => {
  let server: Server;
  let base: string;
  let handler: Handler;
  const received: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const sender = new WebhookSender({ policy: AddressPolicy.fromList('127.0.0.1'), timeoutMs: 500, connections: 4 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ url: request.url ?? '', headers: request.headers, body });
        handler(request, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sender.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (received.length = 0));

  const reply =
    (status: number, headers: Record<string, string> = {}): Handler =>
    (_request, response) =>
      response.writeHead(status, headers).end('ignored');

  it('POSTs the JSON body with the given headers and acknowledges a 2xx', async () => {
    handler = reply(204);
    const result = await sender.post(`${base}/hook`, '{"a":1}', { 'webhook-id': 'msg_1' });
    expect(result).toMatchObject({ ok: true, status: 204, retryable: false, error: null });
    expect(received[0]).toMatchObject({ url: '/hook', body: '{"a":1}', headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' } });
  });

  it('retries 503 and 429, honouring Retry-After, and fails other 4xx for good', async () => {
    handler = reply(503, { 'retry-after': '2' });
    expect(await sender.post(base, '{}', {})).toMatchObject({ ok: false, status: 503, retryable: true, retryAfterMs: 2000, error: 'HTTP 503' });
    handler = reply(429);
    expect(await sender.post(base, '{}', {})).toMatchObject({ retryable: true, retryAfterMs: null });
    handler = reply(400);
    expect(await sender.post(base, '{}', {})).toMatchObject({ ok: false, status: 400, retryable: false });
  });

  it('treats a slow receiver and a closed port as retryable', async () => {
    handler = (_request, response) => setTimeout(() => response.writeHead(200).end(), 1500);
    expect(await sender.post(base, '{}', {})).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/Timed out/) });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await sender.post(`http://127.0.0.1:${port}/`, '{}', {})).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/Connection failed/) });
  });

  it('follows a redirect to an allowed address, re-POSTing the body', async () => {
    handler = (request, response) => (request.url === '/old' ? response.writeHead(308, { location: '/new' }).end() : response.writeHead(200).end());
    expect(await sender.post(`${base}/old`, '{"b":2}', {})).toMatchObject({ ok: true, status: 200 });
    expect(received.map((r) => [r.url, r.body])).toEqual([
      ['/old', '{"b":2}'],
      ['/new', '{"b":2}'],
    ]);
  });

  it('refuses redirects to metadata and private addresses without connecting, and never retries them', async () => {
    handler = reply(302, { location: 'http://169.254.169.254/latest/meta-data/' });
    expect(await sender.post(base, '{}', {})).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/link-local/) });
    handler = reply(307, { location: 'http://localhost:1/' });
    const strict = new WebhookSender({ policy: new AddressPolicy(), timeoutMs: 500 });
    // The host name only resolves at connect time: the lookup hook refuses it there.
    expect(await strict.post('http://localhost:1/', '{}', {})).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/localhost resolves to .*loopback/) });
    await strict.close();
  });

  it('stops after too many redirects', async () => {
    handler = reply(307, { location: '/again' });
    expect(await sender.post(base, '{}', {})).toMatchObject({ ok: false, retryable: false, error: 'More than 3 redirects' });
    expect(received).toHaveLength(4);
  });
});
