import type { IncomingMessage, ServerResponse } from 'node:http';

/** What is read of a refused body before the connection is closed anyway (nginx's lingering close). */
const LINGER_LIMITS = { bytes: 64 * 1024 * 1024, idleMs: 2_000, totalMs: 10_000 };

/**
 * Sends an answer given before the request's body was read, then reads (and drops) the rest of the body before ending
 * the response, which closes the connection. Closing with unread bytes makes the kernel reset it, and a client still
 * writing its body then fails with EPIPE or ECONNRESET instead of reading the answer it was sent. The answer carries
 * its Content-Length, so the client has all of it at once; an endless or stalled body is cut off within the limits.
 */
export function endAfterBody(request: IncomingMessage, response: ServerResponse, text: string, limits = LINGER_LIMITS): void {
  response.setHeader('Connection', 'close');
  response.write(text);
  let read = 0;
  const end = () => {
    clearTimeout(idle);
    clearTimeout(total);
    request.off('data', count);
    request.off('end', end);
    request.off('close', end);
    if (!response.writableEnded) response.end();
  };
  const count = (chunk: Buffer) => {
    read += chunk.length;
    if (read > limits.bytes) return end();
    idle.refresh();
  };
  const idle = setTimeout(end, limits.idleMs);
  const total = setTimeout(end, limits.totalMs);
  request.on('data', count);
  request.once('end', end);
  request.once('close', end);
  request.resume();
}
