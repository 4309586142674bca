import type { CsvJobActivities } from '@sluice/temporal';
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/** How often an activity heartbeats; the workflow's heartbeat timeouts allow several misses. */
export const HEARTBEAT_EVERY_MS = 2000;

// Deliveries heartbeat their own checkpoint every second; a timer heartbeat without it would overwrite it.
const OWN_HEARTBEATS: ReadonlySet<string> = new Set<keyof CsvJobActivities>(['deliverBatch', 'redeliverFailed']);

/**
 * Runs one activity attempt with a heartbeat every `everyMs`, however long its work goes without a
 * word (a DuckDB merge, an S3 upload, a Postgres transaction): a worker that dies is then noticed
 * within the short heartbeat timeout, and a live one hears of its attempt being cancelled, timed out
 * or superseded, which only heartbeats report. The attempt then ends at once with Temporal's
 * cancellation; work that listens to `cancellationSignal` stops with it, and whatever else is still
 * running is abandoned, its result dropped.
 */
export async function heartbeatOnTimer<T>(context: Context, work: () => Promise<T>, everyMs = HEARTBEAT_EVERY_MS): Promise<T> {
  const timer = setInterval(() => context.heartbeat(), everyMs);
  const running = work();
  try {
    return await Promise.race([running, context.cancelled]);
  } catch (error) {
    if (context.cancellationSignal.aborted) {
      context.log.warn(`Attempt ${context.info.attempt} of ${context.info.activityType} ended by Temporal: ${String(context.cancellationSignal.reason)}`);
    }
    throw error;
  } finally {
    clearInterval(timer);
    running.catch(() => undefined);
  }
}

/** A worker interceptor: every activity but the deliveries heartbeats on a timer (see `heartbeatOnTimer`). */
export function timerHeartbeats(everyMs = HEARTBEAT_EVERY_MS): ActivityInterceptorsFactory {
  return (context) => (OWN_HEARTBEATS.has(context.info.activityType) ? {} : { inbound: { execute: (input, next) => heartbeatOnTimer(context, () => next(input), everyMs) } });
}
