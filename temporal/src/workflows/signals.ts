import { defineSignal } from '@temporalio/workflow';

/** Changes a webhook job's records-per-second limit while it runs; null lifts the limit. */
export const setDeliveryRateSignal = defineSignal<[{ rateLimit: number | null }]>('setDeliveryRate');

/** Replays the job's failed deliveries once its current delivery work is done. */
export const retryFailedDeliveriesSignal = defineSignal('retryFailedDeliveries');
