import { Agent, errors, request } from 'undici';

import { AddressPolicy, RefusedDestinationError } from './address-policy';
import { isRetryableStatus, parseRetryAfter } from './retry-policy';

export interface WebhookSenderOptions {
  policy: AddressPolicy;
  /** Sockets kept open per receiver origin; also the number of requests in flight. */
  connections?: number;
  /** Whole-attempt limit: connect, send, and read the response. */
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface AttemptResult {
  /** 2xx: the receiver acknowledged the record. */
  ok: boolean;
  status: number | null;
  /** Worth another attempt: timeouts, connection errors, 408/425/429/5xx. */
  retryable: boolean;
  retryAfterMs: number | null;
  error: string | null;
  latencyMs: number;
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

function describe(error: unknown): { retryable: boolean; message: string } {
  if (error instanceof RefusedDestinationError) return { retryable: false, message: error.message };
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof RefusedDestinationError) return { retryable: false, message: cause.message };
  const code = (error as { code?: string }).code ?? (cause as { code?: string } | undefined)?.code ?? '';
  if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError || error instanceof errors.ConnectTimeoutError) {
    return { retryable: true, message: `Timed out (${error.message})` };
  }
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return { retryable: true, message: 'Timed out waiting for the receiver' };
  if (error instanceof errors.SocketError || TRANSIENT_CODES.has(code)) return { retryable: true, message: `Connection failed: ${code || (error as Error).message}` };
  return { retryable: false, message: (error as Error).message ?? String(error) };
}

/**
 * POSTs webhook messages over kept-alive connections, following redirects only to addresses the
 * policy allows (every connection is checked at DNS resolution), and classifies each attempt.
 */
export class WebhookSender {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;

  constructor(private readonly options: WebhookSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRedirects = options.maxRedirects ?? 3;
    this.agent = new Agent({
      connections: options.connections ?? 32,
      keepAliveTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connect: { timeout: this.timeoutMs, lookup: options.policy.lookup },
    });
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<AttemptResult> {
    const started = performance.now();
    const done = (partial: Omit<AttemptResult, 'latencyMs'>): AttemptResult => ({ ...partial, latencyMs: Math.round(performance.now() - started) });
    let target = url;
    try {
      for (let hop = 0; ; hop++) {
        this.options.policy.checkUrl(target);
        const response = await request(target, {
          method: 'POST',
          dispatcher: this.agent,
          body,
          headers: { 'content-type': 'application/json', 'user-agent': 'Sluice-Webhooks/1.0', ...headers },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        // The body is not used, but must be consumed for the connection to be reused.
        await response.body.dump();
        const status = response.statusCode;
        const location = response.headers['location'];
        if (status >= 300 && status < 400 && location) {
          if (hop >= this.maxRedirects) return done({ ok: false, status, retryable: false, retryAfterMs: null, error: `More than ${this.maxRedirects} redirects` });
          target = new URL(String(location), target).toString();
          continue;
        }
        if (status >= 200 && status < 300) return done({ ok: true, status, retryable: false, retryAfterMs: null, error: null });
        const retryable = isRetryableStatus(status);
        return done({ ok: false, status, retryable, retryAfterMs: retryable ? parseRetryAfter(response.headers['retry-after']) : null, error: `HTTP ${status}` });
      }
    } catch (error) {
      const { retryable, message } = describe(error);
      return done({ ok: false, status: null, retryable, retryAfterMs: null, error: message });
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
