import { createSigner } from '../standard-webhooks';
import type { WebhookSender } from '../webhook-sender';
import { deliverRecords, DeliveryListener } from './deliver-records';
import { CheckpointChannel, withTicks } from './delivery-progress';
import type { DeliveryStore } from './delivery-store';
import type { OutgoingRecord } from './outgoing-record';
import { SharedRateGate } from './shared-rate-gate';

/** What one delivery attempt works with; the worker's activities wire it to Postgres, S3 and Temporal. */
export interface DeliveryEngine {
  store: DeliveryStore;
  /** One sender per worker, so connections to a receiver are reused across batches. */
  sender: WebhookSender;
  /** Requests in flight per attempt. */
  concurrency: number;
  /** Aborts when the attempt is cancelled or timed out. */
  signal: AbortSignal;
  checkpoints: CheckpointChannel;
}

/** Reads the records file's bytes from `start` to `end`, both included. */
export type ReadRecords = (start: number, end: number) => Promise<Buffer>;

export interface DeliveryCounts {
  delivered: number;
  failed: number;
}

/** Delivers `records` to the job's webhook under the job's shared rate limit, calling `save` every second and at the end. */
export async function runDelivery(engine: DeliveryEngine, jobId: string, records: OutgoingRecord[], listener: DeliveryListener, save: () => Promise<void>): Promise<void> {
  const stored = await engine.store.deliveryTarget(jobId);
  const target = { url: stored.url, sign: createSigner(stored.secret), retryDelaysMs: stored.retryDelaysMs };
  const resources = { sender: engine.sender, concurrency: engine.concurrency, gate: new SharedRateGate(engine.store, jobId), signal: engine.signal };
  await withTicks(() => deliverRecords(records, target, resources, listener), save);
}
