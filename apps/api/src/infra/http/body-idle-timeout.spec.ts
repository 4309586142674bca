import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';

import express from 'express';

import { bodyIdleTimeout } from './body-idle-timeout';

const IDLE_MS = 300;

/** Sends a request head and the first bytes of a much longer body, then stalls; resolves with the status line, or null. */
function sendThenStall(port: number, waitMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const done = (answer: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(null), waitMs);
    socket.on('connect', () => socket.write(`POST /upload HTTP/1.1\r\nhost: x\r\ncontent-length: 100000\r\n\r\n${'a'.repeat(1000)}`));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) done(received.slice(0, received.indexOf('\r\n')));
    });
    socket.on('error', () => done(null));
  });
}

describe('bodyIdleTimeout', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const app = express();
    app.use(bodyIdleTimeout(IDLE_MS));
    // A reader that holds the body back for longer than the idle timeout (its storage being slow), then reads on.
    app.post('/upload', (request) => {
      request.pause();
      setTimeout(() => {
        request.on('data', () => undefined);
        request.resume();
      }, IDLE_MS * 3);
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('still cuts off a client that stalls once a reader that had paused the body reads on', async () => {
    // Paused for 3 idle periods, then idle for good: the 408 comes about one idle period after the reader resumes.
    expect(await sendThenStall(port, 4000)).toBe('HTTP/1.1 408 Request Timeout');
  }, 15_000);
});
