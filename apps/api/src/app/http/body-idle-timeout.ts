import type { IncomingMessage } from 'node:http';

import { RequestTimeoutException } from '@nestjs/common';
import type { RequestHandler } from 'express';

import { sendError } from './send-error';

const BODY_IDLE = Symbol('request body idle');

/**
 * Lets the reader of a request body answer the idle timeout itself (the upload receiver must abort
 * what it stored first); without one, the middleware answers 408.
 */
export function onBodyIdle(request: IncomingMessage, listener: (error: RequestTimeoutException) => void): void {
  request.once(BODY_IDLE, listener);
}

/**
 * Cuts off a request whose body stops arriving: once no byte has come for `idleMs` while the body is
 * being read, it is answered 408 and the connection closed. A body that keeps coming, however slowly
 * and for however long, is never cut off; nor is one the API itself paused (its storage being slower
 * than the client). Once the body has arrived, the timer is off: answering may take as long as it needs.
 */
export function bodyIdleTimeout(idleMs: number): RequestHandler {
  return (request, response, next) => {
    if (idleMs > 0 && !request.complete) {
      request.setTimeout(idleMs, () => {
        // Held back by its reader: look again later. The socket's timer fires once per quiet spell and only new
        // bytes from the client restart it, so without this a client that stalls during the pause is never cut off.
        if (request.readableFlowing !== true || request.readableLength > 0) {
          request.setTimeout(idleMs);
          return;
        }
        const error = new RequestTimeoutException(
          `No data arrived for ${idleMs / 1000} s while the request body was being sent, so the request was cut off; send the whole body without stalling`,
        );
        if (request.listenerCount(BODY_IDLE) > 0) request.emit(BODY_IDLE, error);
        else if (!response.headersSent) sendError(error, request, response);
        else request.socket.destroy();
      });
      request.once('end', () => request.socket?.setTimeout(0));
    }
    next();
  };
}
