import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

import { ApplicationFailure, CancelledFailure, Context, log } from '@temporalio/activity';

import { asBadInput } from './bad-input';
import { ErrorContext, translateError } from './error-translation';

type Activity = (...args: never[]) => Promise<unknown>;

// The workflows retry these without a limit (bookkeeping must eventually land): they stay retryable
// whatever the error, or one bad write would end the workflow with its job left half-recorded.
const ALWAYS_RETRIED = new Set(['markProcessing', 'finalize', 'expireJob', 'applyDeliveryRate', 'finishDelivery', 'recordRebuiltOutput', 'recordFailedRebuild']);
type Logger = Pick<typeof log, 'warn' | 'error'>;

/** The stored name of the file an activity reads, from its input's object key (…/uploads/<id>/<name>). */
function fileNameOf(input: unknown): string | undefined {
  const key = (input as { file?: { key?: unknown } } | null)?.file?.key;
  return typeof key === 'string' ? basename(key) : undefined;
}

function wasCancelled(): boolean {
  try {
    return Context.current().cancellationSignal.aborted;
  } catch {
    return false; // not inside an activity (unit tests)
  }
}

/** An error with its causes, for the log: DuckDB wraps its own text in `cause`. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}

/**
 * What an activity's failure becomes before Temporal records it: an ApplicationFailure whose message
 * is a sentence about the user's data and what to do. The raw error is logged under a short ref the
 * message shows. Failures Sluice composed itself (bad input, cancellation) pass as they are.
 */
export function userFacingFailure(error: unknown, context: ErrorContext, logger: Logger = log): unknown {
  if (error instanceof CancelledFailure || error instanceof ApplicationFailure || wasCancelled()) return error;
  const badInput = asBadInput(error);
  if (badInput !== error) return badInput;
  const translated = translateError(error, context);
  const translation = ALWAYS_RETRIED.has(context.activity) ? { ...translated, retryable: true } : translated;
  const ref = randomBytes(3).toString('hex');
  const entry = { ref, activity: context.activity, fileName: context.fileName, type: translation.type, error: describe(error) };
  // Retryable trouble (an outage) is a warning; a fault no retry fixes is an error.
  logger[translation.retryable ? 'warn' : 'error'](`Activity ${context.activity} failed (ref ${ref})`, entry);
  const failure = ApplicationFailure.create({
    message: translation.needsRef ? `${translation.message} (ref ${ref})` : translation.message,
    type: translation.type,
    nonRetryable: !translation.retryable,
  });
  // Temporal stores the stack with the failure: the worker's frames are for the log only.
  failure.stack = `${failure.name}: ${failure.message}`;
  return failure;
}

/** Wraps every activity so that nothing raw (SQL, driver text, temp paths, stacks) reaches Temporal, Job.error or the API. */
export function withUserFacingErrors<T extends Record<string, Activity>>(activities: T, logger: Logger = log): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (error) {
        throw userFacingFailure(error, { activity: name, fileName: fileNameOf(args[0]) }, logger);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
