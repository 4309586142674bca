import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

import {
  BadRequestException,
  ConflictException,
  GoneException,
  HttpException,
  HttpStatus,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { classifyDatabaseError } from '@sluice/db';
import { JobRequestError, type JobRequestErrorKind } from '@sluice/jobs';
import { hasNetworkErrorCode, isStorageUnavailable } from '@sluice/storage';
import { isGrpcServiceError, ServiceError } from '@temporalio/client';

/** The HTTP answer to a failed request. */
export interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Set when the cause is logged rather than shown: the correlation id that the body and the log line both carry. */
  ref?: string;
}

/** A short id that ties an answer to the log line holding its raw cause. */
export function newRef(): string {
  return randomBytes(6).toString('hex');
}

function answer(status: number, message: string, ref?: string): ErrorAnswer {
  return { status, body: { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error', ...(ref ? { ref } : {}) }, ...(ref ? { ref } : {}) };
}

/** Something on our side failed: a sentence and the ref, never the cause itself. */
export function internalError(ref = newRef()): ErrorAnswer {
  return answer(500, `Something went wrong on our side while handling this request; it was logged as ref ${ref}. Try again, and quote the ref if it keeps happening.`, ref);
}

function unavailable(what: string, ref = newRef()): ErrorAnswer {
  return answer(503, `${what} is not reachable right now, so the request could not be completed; try again shortly (ref ${ref}).`, ref);
}

/**
 * What to answer for anything a request handler, a body parser or a stream threw. Bad input is a
 * 4xx naming the problem; a dependency that is down is a 503; anything else a 500 with a ref.
 * No answer carries a stack, SQL, a driver's message or a file path.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HttpException) return httpExceptionAnswer(error);
  if (error instanceof JobRequestError) return jobRequestAnswer(error);
  return bodyParserAnswer(error) ?? databaseAnswer(error) ?? temporalAnswer(error) ?? storageAnswer(error) ?? networkAnswer(error) ?? internalError();
}

function httpExceptionAnswer(error: HttpException, ref = newRef()): ErrorAnswer {
  const status = error.getStatus();
  const response = error.getResponse();
  const body = typeof response === 'string' ? { statusCode: status, message: response } : { ...(response as Record<string, unknown>) };
  if (status < 500) return { status, body };
  // A deliberate 5xx (e.g. a 503 naming the service that is down) keeps its words, and gets a ref for its log line.
  return { status, body: { ...body, ref }, ref };
}

/** Nest has no exception of its own for 429. */
class TooManyRequestsException extends HttpException {
  constructor(body: string | Record<string, unknown>) {
    super({ statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', ...(typeof body === 'string' ? { message: body } : body) }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** The HTTP status of each kind of refusal the use cases (@sluice/jobs) make, as the exception Nest would answer it with. */
const JOB_REQUEST_EXCEPTIONS: Record<JobRequestErrorKind, new (body: string | Record<string, unknown>) => HttpException> = {
  invalid: BadRequestException,
  not_found: NotFoundException,
  gone: GoneException,
  conflict: ConflictException,
  unavailable: ServiceUnavailableException,
  too_large: PayloadTooLargeException,
  busy: TooManyRequestsException,
};

/** A use case's refusal: its sentence (and details) with the kind's status; one that needs a ref ends with the same ref the body and the log carry. */
function jobRequestAnswer(error: JobRequestError): ErrorAnswer {
  const ref = error.needsRef ? newRef() : undefined;
  const message = ref ? `${error.message} (ref ${ref})` : error.message;
  return httpExceptionAnswer(new JOB_REQUEST_EXCEPTIONS[error.kind](error.details ? { message, ...error.details } : message), ref);
}

/** The errors express's body parsers raise (http-errors with a `type`). */
function bodyParserAnswer(error: unknown): ErrorAnswer | null {
  const e = error as { type?: unknown; status?: unknown; limit?: unknown; charset?: unknown; message?: unknown; expose?: unknown };
  if (typeof e?.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return null;
  switch (e.type) {
    case 'entity.parse.failed':
      return answer(400, `The request body is not valid JSON (${shorten(String(e.message))}); send a JSON document`);
    case 'entity.too.large':
      return answer(413, `The request body is larger than the ${kilobytes(Number(e.limit))} limit`);
    case 'entity.verify.failed':
      return answer(e.status, String(e.message));
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return answer(415, `The request body's ${e.type === 'charset.unsupported' ? `charset "${String(e.charset)}"` : 'content encoding'} is not supported; send UTF-8 JSON`);
    case 'parameters.too.many':
      return answer(413, 'The request body has too many form parameters');
    case 'request.aborted':
      return answer(400, 'The request body ended before it was complete: the client closed the connection');
    case 'request.size.invalid':
      return answer(400, 'The request body does not have the length its Content-Length header announced');
    default:
      return e.expose ? answer(e.status, `The request body could not be read (${shorten(String(e.message))})`) : null;
  }
}

/** Database failures, by what libs/db says they mean. */
function databaseAnswer(error: unknown): ErrorAnswer | null {
  switch (classifyDatabaseError(error)?.kind) {
    case 'unavailable':
      return unavailable('The database');
    case 'bad_text':
    case 'bad_value':
      return answer(400, 'A value in the request cannot be stored or looked up: it is too long, out of range or not valid text');
    // The query was built from a value that does not fit its column (a date that does not exist, a number too big).
    case 'invalid_argument':
      return answer(400, 'A value in the request cannot be used: it is not a valid value for what it names (a real date, a number in range, text without NUL bytes)');
    case 'conflict':
      return answer(409, 'Something with the same name or key exists already');
    case 'reference':
      return answer(409, 'The request refers to something that does not exist, or that other records still refer to');
    case 'not_found':
      return answer(404, 'What the request refers to does not exist (any more)');
    case 'collision':
      return answer(409, 'The request collided with a change made at the same time; try again');
    default:
      return null;
  }
}

// gRPC status codes, as Temporal's client raises them.
const GRPC = { INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

function temporalAnswer(error: unknown): ErrorAnswer | null {
  const grpc = isGrpcServiceError(error) ? error : error instanceof ServiceError && isGrpcServiceError(error.cause) ? error.cause : null;
  if (!grpc) return error instanceof ServiceError ? unavailable('The workflow service (Temporal)') : null;
  switch (grpc.code) {
    case GRPC.UNAVAILABLE:
    case GRPC.DEADLINE_EXCEEDED:
    case GRPC.RESOURCE_EXHAUSTED:
      return unavailable('The workflow service (Temporal)');
    case GRPC.INVALID_ARGUMENT:
      return answer(400, 'The workflow service (Temporal) refused a value in the request as invalid');
    case GRPC.NOT_FOUND:
      return answer(404, 'The workflow service (Temporal) has no such workflow or schedule');
    default:
      return null;
  }
}

/** AWS SDK errors: a server-side fault (or throttling) is the object store being unavailable; client faults are ours. */
function storageAnswer(error: unknown): ErrorAnswer | null {
  return isStorageUnavailable(error) ? unavailable('The object store (S3)') : null;
}

function networkAnswer(error: unknown): ErrorAnswer | null {
  return hasNetworkErrorCode(error) ? unavailable('A service the API depends on') : null;
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function kilobytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'allowed';
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
