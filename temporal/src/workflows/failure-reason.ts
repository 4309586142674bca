import { ActivityFailure, TimeoutFailure } from '@temporalio/workflow';

import { activityStep } from '../activity-steps';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A timed-out activity as a sentence: Temporal's own words ("activity Heartbeat timeout") mean nothing to a user. */
function timedOut(activity: string, timeout: TimeoutFailure['timeoutType']): string {
  const step = activityStep(activity);
  if (timeout === 'HEARTBEAT') {
    return `The worker stopped responding while ${step} (it may have crashed or been overloaded), and the retries ran out. Rerun the job; if it keeps happening, split the files into smaller ones`;
  }
  if (timeout === 'SCHEDULE_TO_START') return `No worker started ${step} in time: check that a worker is running, then rerun the job`;
  return `${capitalised(step)} took longer than allowed and was stopped. Split the files into smaller ones, or rerun the job`;
}

/** Why an activity (or the workflow) failed, as the job shows it. Activities already throw sentences (see the worker's user-facing errors). */
export function failureReason(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause instanceof TimeoutFailure) return timedOut(error.activityType, error.cause.timeoutType);
  const cause = error instanceof ActivityFailure ? (error.cause ?? error) : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  // The Temporal server refuses an activity's result over its blob limit (2 MB by default), in its own words.
  if (error instanceof ActivityFailure && /exceeds size limit/i.test(message)) {
    return `The outcome of ${activityStep(error.activityType)} is larger than Sluice can pass between steps (usually a file with tens of thousands of columns). Split the file into narrower ones and upload again`;
  }
  return message;
}
