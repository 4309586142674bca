import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** The failure type of input no retry can fix; the same string as BAD_INPUT_ERROR in contracts (temporal-names.spec ties them), kept literal because the workflow bundle cannot resolve libraries. */
export const BAD_INPUT = 'BadInput';

export function isBadInput(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === BAD_INPUT;
}
