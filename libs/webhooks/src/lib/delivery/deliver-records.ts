import { setMaxListeners } from 'node:events';

import { nextRetryDelay } from '../retry-policy';
import type { WebhookHeaders } from '../standard-webhooks';
import type { AttemptResult, WebhookSender } from '../webhook-sender';
import { abortableSleep } from './abortable-sleep';
import type { OutgoingRecord } from './outgoing-record';
import type { RateGate } from './shared-rate-gate';
import { Slots } from './slots';

export interface DeliveryTarget {
  url: string;
  sign: (messageId: string, body: string) => WebhookHeaders;
  retryDelaysMs: readonly number[];
}

export interface DeliveryListener {
  /** The receiver answered 2xx; the request's slot stays taken until this settles. */
  acknowledged(recordIndex: number): void | Promise<void>;
  /** The last attempt failed, or the failure was not worth retrying. */
  failed(recordIndex: number, attempts: number, last: AttemptResult): void | Promise<void>;
}

export interface DeliveryResources {
  sender: WebhookSender;
  gate: RateGate;
  /** Requests in flight at most; records waiting for a retry hold no slot. */
  concurrency: number;
  signal: AbortSignal;
}

/**
 * Sends every record once it may (rate gate, bounded concurrency), retrying per the target's
 * schedule; each attempt is signed afresh with its own timestamp, under the record's message id.
 * Rejects when `signal` aborts, with nothing left running. A listener that throws (its store is gone,
 * or a later attempt has replaced this one) stops every other record too: nothing is sent that could
 * not be stored, and the first such error is the one thrown.
 */
export async function deliverRecords(records: OutgoingRecord[], target: DeliveryTarget, resources: DeliveryResources, listener: DeliveryListener): Promise<void> {
  const { sender, gate } = resources;
  const failing = new AbortController();
  const signal = AbortSignal.any([resources.signal, failing.signal]);
  // Every waiting record listens for cancellation; thousands of listeners here are expected.
  setMaxListeners(0, resources.signal, signal);
  const slots = new Slots(resources.concurrency);
  const attempt = (record: OutgoingRecord) =>
    slots.use(async () => {
      await gate.take(signal);
      const result = await sender.post(target.url, record.body, target.sign(record.messageId, record.body));
      // The slot is held until the listener has the acknowledgement stored: acknowledgements not yet
      // stored never outnumber the slots, and neither do the repeats a crash can cause.
      if (result.ok) await listener.acknowledged(record.recordIndex);
      return result;
    });
  const deliverOne = async (record: OutgoingRecord) => {
    for (let attempts = 1; ; attempts++) {
      signal.throwIfAborted();
      const result = await attempt(record);
      if (result.ok) return;
      const delay = result.retryable ? nextRetryDelay(attempts, target.retryDelaysMs, result.retryAfterMs) : null;
      if (delay === null) return listener.failed(record.recordIndex, attempts, result);
      await abortableSleep(delay, signal);
    }
  };
  const stopAllOnError = (record: OutgoingRecord) =>
    deliverOne(record).catch((error: unknown) => {
      if (!signal.aborted) failing.abort(error);
      throw error;
    });
  const settled = await Promise.allSettled(records.map(stopAllOnError));
  resources.signal.throwIfAborted();
  if (failing.signal.aborted) throw failing.signal.reason;
  const problem = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (problem) throw problem.reason;
}
