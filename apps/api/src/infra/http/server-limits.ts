import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ServerLimits {
  /** The request line and headers must arrive within this (REQUEST_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** The whole request must arrive within this; 0 for no limit (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this (KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
}

/** Node's HTTP server timeouts, and a JSON sentence instead of a bare status line for a request that is not valid HTTP. */
export function applyServerLimits(server: Server, { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs }: ServerLimits): void {
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.on('clientError', answerClientError);
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers (or its URL) are larger than the server accepts'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'The request has chunk extensions larger than the server accepts'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request did not arrive in time, so the connection was closed'],
};

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A response already on its way cannot be replaced; a connection reset has nobody to answer.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'The request is not valid HTTP/1.1, so it could not be read'];
  const body = JSON.stringify({ statusCode: status, message, error: STATUS_CODES[status] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
