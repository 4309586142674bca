/** What kind of refusal a use case's error is; the API answers each with its HTTP status (see the API's error answer). */
export type JobRequestErrorKind = 'invalid' | 'not_found' | 'gone' | 'conflict' | 'unavailable' | 'too_large' | 'busy';

export interface JobRequestErrorOptions {
  /** What failed underneath: logged, never shown. */
  cause?: unknown;
  /** More for the caller than the sentence, shown next to it (a misfit pipeline's problems). */
  details?: Record<string, unknown>;
  /** The message should end with the ref its log line carries (the cause is ours, not the caller's). */
  needsRef?: boolean;
}

/** A request a use case refuses, with a sentence for the person who made it. */
export class JobRequestError extends Error {
  override readonly name = 'JobRequestError';
  readonly details?: Record<string, unknown>;
  readonly needsRef: boolean;

  constructor(
    readonly kind: JobRequestErrorKind,
    message: string,
    options: JobRequestErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
    this.needsRef = options.needsRef ?? false;
  }
}

export const invalidRequest = (message: string, options?: JobRequestErrorOptions) => new JobRequestError('invalid', message, options);
