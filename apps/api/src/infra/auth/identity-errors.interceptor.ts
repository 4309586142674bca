import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';

import { answerIdentityError } from './identity-http-error';

/** Turns the identity use cases' refusals into their HTTP answers, wherever a route calls them. */
@Injectable()
export class IdentityErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(catchError((error: unknown) => throwError(() => answerIdentityError(error, response))));
  }
}
