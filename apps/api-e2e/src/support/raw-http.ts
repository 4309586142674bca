import { connect } from 'node:net';

import { currentAuthorization } from './credentials';

/** A piece of a raw request: bytes to write, or a pause before the next piece. */
export type RawPiece = string | Buffer | { pauseMs: number };

export interface RawResponse {
  /** null when the server closed the connection (or the wait ran out) without answering. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** How long after the last byte was written the answer (or the close) came. */
  waitedMs: number;
  /** The server closed the connection. */
  closed: boolean;
}

export interface RawOptions {
  /** Give up waiting for an answer after this long (the result then has status null). */
  timeoutMs?: number;
  /** Close the connection right after the last piece, as a client that goes away does. */
  hangUp?: boolean;
}

/**
 * Sends a request byte for byte over a bare TCP connection, so it can be truncated, garbled or
 * stalled in ways no HTTP client allows, and reads the answer (status, headers, body).
 */
export function sendRaw(port: number, pieces: RawPiece[], { timeoutMs = 15_000, hangUp = false }: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let sentAt = Date.now();
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parse(received), waitedMs: Date.now() - sentAt, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs + totalPause(pieces));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (isComplete(received)) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (settled) return;
        if (typeof piece === 'object' && 'pauseMs' in piece) await new Promise((r) => setTimeout(r, piece.pauseMs));
        else await new Promise<void>((r) => socket.write(piece, () => r()));
      }
      sentAt = Date.now();
      if (hangUp) finish(true);
    });
  });
}

function totalPause(pieces: RawPiece[]): number {
  return pieces.reduce((sum, p) => sum + (typeof p === 'object' && 'pauseMs' in p ? p.pauseMs : 0), 0);
}

function headerEnd(data: Buffer): number {
  return data.indexOf('\r\n\r\n');
}

function isComplete(data: Buffer): boolean {
  const end = headerEnd(data);
  if (end < 0) return false;
  const { headers } = parse(data);
  const body = data.subarray(end + 4);
  if (headers['content-length'] !== undefined) return body.length >= Number(headers['content-length']);
  if (headers['transfer-encoding']?.includes('chunked')) return body.includes('0\r\n\r\n');
  return false;
}

function parse(data: Buffer): Pick<RawResponse, 'status' | 'headers' | 'body'> {
  const end = headerEnd(data);
  if (end < 0) return { status: null, headers: {}, body: '' };
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  return { status: match ? Number(match[1]) : null, headers, body: data.subarray(end + 4).toString('utf8') };
}

/**
 * The head of a request with a body, for sendRaw. It carries the running app's API token (see
 * credentials.ts) unless `headers` name an authorization or cookie of their own.
 */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const own = Object.keys(headers).map((name) => name.toLowerCase());
  const authorization = currentAuthorization();
  const credentials = authorization && !own.includes('authorization') && !own.includes('cookie') ? { authorization } : {};
  const lines = Object.entries({ host: '127.0.0.1', ...credentials, ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
