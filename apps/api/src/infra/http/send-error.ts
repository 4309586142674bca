import type { IncomingMessage, ServerResponse } from 'node:http';

import { Logger } from '@nestjs/common';

import { endAfterBody } from './end-after-body';
import { errorAnswer } from './error-answer';

const logger = new Logger('RequestErrors');

/**
 * Answers a failed request (see errorAnswer) and logs the raw cause under the answer's ref. Used by
 * the global exception filter and by the middleware that runs before Nest's routing (body parsers,
 * the idle timeout), so every failure is answered the same way.
 */
export function sendError(error: unknown, request: IncomingMessage, response: ServerResponse): void {
  const { status, body, ref } = errorAnswer(error);
  if (ref) logger.error(`ref ${ref}: ${request.method} ${request.url} answered ${status}: ${describeCause(error)}`);
  if (response.headersSent || response.writableEnded || response.destroyed) return;
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  // Answered before the body was read to its end: the connection closes, once what is left of the body has arrived.
  if (!request.complete) endAfterBody(request, response, text);
  else response.end(text);
}

/** The error with its causes (a use case's refusal wraps the storage or Temporal failure behind it). */
function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(describeOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}

function describeOne(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
