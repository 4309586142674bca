import type { IncomingMessage, ServerResponse } from 'node:http';

import { BadRequestException } from '@nestjs/common';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { json, urlencoded } from 'express';

import { jsonDepthExceeds } from './json-depth';
import { sendError } from './send-error';

export interface BodyLimits {
  maxJsonBytes: number;
  maxJsonDepth: number;
}

/**
 * The JSON and form body parsers, registered by the app itself (so Nest does not add its own) and
 * followed at once by an error handler: a body that is malformed, too large, too deep or in an
 * unsupported charset is answered 400/413/415 here, on every route, before any later middleware
 * (such as the admin's static files, which would turn it into a 404) can see the error.
 */
export function bodyParsers({ maxJsonBytes, maxJsonDepth }: BodyLimits): (RequestHandler | ErrorRequestHandler)[] {
  // Refused before parsing: whatever reads the parsed value later may recurse, and must not overflow.
  const verify = (_request: IncomingMessage, _response: ServerResponse, body: Buffer) => {
    if (jsonDepthExceeds(body, maxJsonDepth)) throw new BadRequestException(`The request body nests arrays and objects more than ${maxJsonDepth} levels deep`);
  };
  // Four parameters: that is how express tells an error handler from a middleware.
  const answerBodyError: ErrorRequestHandler = (error, request, response, _next) => sendError(error, request, response);
  return [json({ limit: maxJsonBytes, verify }), urlencoded({ extended: true, limit: maxJsonBytes, parameterLimit: 1000 }), answerBodyError];
}
