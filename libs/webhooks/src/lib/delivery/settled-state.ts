import type { DeliveryState } from '@sluice/contracts';

/** What decides how a job's delivery ended. */
export interface DeliveryOutcomeFacts {
  total: number;
  startedAt: Date | null;
  /** Records still on the failed list. */
  outstandingFailures: number;
  /** Why delivery stopped short, if it did. */
  error: string | null;
}

/** Skipped when nothing was to be sent; partial when a record is still failed or delivery stopped short. */
export function settledDeliveryState({ total, startedAt, outstandingFailures, error }: DeliveryOutcomeFacts): Extract<DeliveryState, 'skipped' | 'partial' | 'delivered'> {
  if (startedAt === null || total === 0) return 'skipped';
  return outstandingFailures > 0 || error ? 'partial' : 'delivered';
}
