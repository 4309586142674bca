import { HttpException, HttpStatus } from '@nestjs/common';
import { IdentityError, type IdentityErrorKind } from '@sluice/identity';

const STATUS: Record<IdentityErrorKind, number> = {
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  locked: HttpStatus.LOCKED,
  throttled: HttpStatus.TOO_MANY_REQUESTS,
};

const ERROR: Record<IdentityErrorKind, string> = {
  unauthenticated: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not Found',
  conflict: 'Conflict',
  invalid: 'Bad Request',
  locked: 'Locked',
  throttled: 'Too Many Requests',
};

/** An identity use case's refusal as the HTTP answer it stands for. */
export function identityHttpError(error: IdentityError): HttpException {
  const status = STATUS[error.kind];
  return new HttpException({ statusCode: status, message: error.message, error: ERROR[error.kind] }, status);
}

/** Sets Retry-After for a locked account or a throttled address, and returns the HTTP exception to throw. */
export function answerIdentityError(error: unknown, response: { setHeader(name: string, value: string): unknown }): unknown {
  if (!(error instanceof IdentityError)) return error;
  if (error.retryAfterSeconds) response.setHeader('Retry-After', String(error.retryAfterSeconds));
  return identityHttpError(error);
}
