import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

import { endAfterBody } from './end-after-body';

const ANSWER = JSON.stringify({ statusCode: 429, message: 'busy' });

/** A server that refuses every request before reading its body, the way a route refusing early does. */
function refusingServer(limits?: Parameters<typeof endAfterBody>[3]): Promise<Server> {
  const server = createServer((request, response) => {
    response.statusCode = 429;
    response.setHeader('Content-Length', Buffer.byteLength(ANSWER));
    endAfterBody(request, response, ANSWER, limits);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Outcome {
  status?: number;
  body?: string;
  connection?: string;
  error?: string;
  closedAfterMs: number;
}

/** Sends `body` (or writes forever when null) and reports the answer, any error the client saw, and when the socket closed. */
function send(server: Server, body: Buffer | null): Promise<Outcome> {
  const started = Date.now();
  const outcome: Partial<Outcome> = {};
  return new Promise((resolve) => {
    const request = httpRequest(
      { port: (server.address() as AddressInfo).port, host: '127.0.0.1', method: 'POST', headers: body ? { 'content-length': body.length } : {} },
      (response) => {
        outcome.status = response.statusCode;
        outcome.connection = response.headers.connection;
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => (outcome.body = text));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => (outcome.error = error.code ?? error.message));
    request.once('socket', (socket) => socket.once('close', () => setTimeout(() => resolve({ ...outcome, closedAfterMs: Date.now() - started }), 50)));
    if (body) request.end(body);
    else {
      const chunk = Buffer.alloc(64 * 1024, 'k');
      const pump = () => {
        while (!request.socket?.destroyed && request.write(chunk));
        if (!request.socket?.destroyed) request.once('drain', pump);
      };
      pump();
    }
  });
}

describe('endAfterBody', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lets a client still sending a 24 MB body read the answer, with no reset or broken pipe', async () => {
    server = await refusingServer();
    const body = Buffer.alloc(24 * 1024 * 1024, 'k,1\n');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await send(server, body)).toEqual({ status: 429, body: ANSWER, connection: 'close', closedAfterMs: expect.any(Number) });
    }
  });

  // The raw socket's, as Node's own client closes the connection itself once it has an answer to `Connection: close`.
  it('closes the connection of a body that never ends once it has read its limit', async () => {
    server = await refusingServer({ bytes: 4 * 1024 * 1024, idleMs: 2_000, totalMs: 30_000 });
    const outcome = await sendRaw(server, 'endless');
    expect(outcome.answer).toMatch(/^HTTP\/1.1 429 [\s\S]*Connection: close[\s\S]*\r\n\r\n\{"statusCode":429,"message":"busy"\}$/);
    expect(outcome.sentBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(outcome.closedAfterMs).toBeLessThan(10_000);
  });

  it('closes the connection of a body that stalls once it has been quiet for the idle limit', async () => {
    server = await refusingServer({ bytes: 1024 * 1024, idleMs: 300, totalMs: 30_000 });
    const outcome = await sendRaw(server, 'stalled');
    expect(outcome.answer).toMatch(/^HTTP\/1.1 429 /);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(250);
    expect(outcome.closedAfterMs).toBeLessThan(5_000);
  });
});

/** Announces a 1 GB body, then sends it without end or sends 10 bytes of it, and reports when the server closed the connection. */
function sendRaw(server: Server, body: 'endless' | 'stalled'): Promise<{ answer: string; sentBytes: number; closedAfterMs: number }> {
  const started = Date.now();
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  let answer = '';
  let sentBytes = 0;
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.on('error', () => undefined);
  socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${1024 ** 3}\r\n\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 'k');
  const pump = () => {
    while (!socket.destroyed && socket.writable && ((sentBytes += chunk.length), socket.write(chunk)));
    if (socket.writable) socket.once('drain', pump);
  };
  if (body === 'endless') pump();
  else socket.write(chunk.subarray(0, 10));
  return new Promise((resolve) => socket.once('close', () => resolve({ answer, sentBytes, closedAfterMs: Date.now() - started })));
}
