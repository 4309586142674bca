import type { IncomingMessage, ServerResponse } from 'node:http';

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

function announcesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
}

/**
 * Cuts off a request whose body stops arriving: once no byte has come for `idleMs` while the body is
 * being read, it is answered 408 and the connection closed. A body that keeps coming, however slowly
 * and for however long, is never cut off; nor is one the API itself paused (its storage being slower
 * than the client). Only the body is watched: a request without one, or whose body has arrived, may
 * take as long as its answer needs (a server-sent event stream, a slow storage listing).
 *
 * Its own timer rather than the socket's: Node destroys a socket whose timeout fires after the request
 * is complete, so a socket timer left armed would cut slow answers off with an empty reply.
 */
export function bodyIdleTimeout(idleMs: number): RequestHandler {
  return (request, response, next) => {
    if (idleMs > 0 && announcesBody(request) && !request.complete) watchBody(request, response, idleMs);
    next();
  };
}

function watchBody(request: IncomingMessage, response: ServerResponse, idleMs: number): void {
  const socket = request.socket;
  let bytesSeen = socket.bytesRead;
  let quietSince = Date.now();
  const timer = setInterval(
    () => {
      if (request.complete || socket.destroyed) return stop();
      // New bytes, or a body its reader holds back (the stall is ours, not the client's): not idle.
      if (socket.bytesRead !== bytesSeen || request.readableFlowing !== true || request.readableLength > 0) {
        bytesSeen = socket.bytesRead;
        quietSince = Date.now();
        return;
      }
      if (Date.now() - quietSince < idleMs) return;
      stop();
      const error = new RequestTimeoutException(
        `No data arrived for ${idleMs / 1000} s while the request body was being sent, so the request was cut off; send the whole body without stalling`,
      );
      if (request.listenerCount(BODY_IDLE) > 0) request.emit(BODY_IDLE, error);
      else if (!response.headersSent) sendError(error, request, response);
      else socket.destroy();
    },
    Math.max(Math.round(idleMs / 4), 25),
  );
  timer.unref();
  const stop = () => clearInterval(timer);
  request.once('end', stop);
  response.once('close', stop);
}
