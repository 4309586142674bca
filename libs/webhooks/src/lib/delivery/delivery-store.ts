/**
 * What the delivery engine keeps in the database, as narrow ports: libs/db's DeliveriesRepository
 * implements them (on Postgres), and the engine never sees the tables.
 */

/** Records as [first, last] runs of their indexes (see IndexRanges). */
export type IndexRuns = [number, number][];

/** One reservation of the job's shared send schedule (GCRA), on the database's clock, in epoch milliseconds. */
export interface SendSlotReservation {
  /** The job's limit in records per second at the time; null means unlimited. */
  rate: number | null;
  /** The theoretical arrival time after the reservation: no further record may start before it. */
  tat: number;
  now: number;
}

export interface SendScheduleStore {
  /** Advances the job's schedule by `count` sends in one atomic step; null when the job has no delivery settings. */
  reserveSendSlots(jobId: string, count: number): Promise<SendSlotReservation | null>;
}

export interface AckCheckpointStore {
  /** The batch's stored acknowledgements, creating its row on the first attempt. */
  openAckCheckpoint(jobId: string, batchIndex: number): Promise<IndexRuns>;
  saveAcked(jobId: string, batchIndex: number, acked: IndexRuns): Promise<void>;
}

/** The job's webhook as stored: the secret is read by the activity and never travels through workflow history. */
export interface StoredDeliveryTarget {
  url: string;
  secret: string;
  retryDelaysMs: number[];
}

export interface DeliveryFailure {
  attempts: number;
  lastStatus: number | null;
  lastError: string;
}

export interface OutstandingFailure {
  recordIndex: number;
  attempts: number;
}

export interface DeliveryStore extends SendScheduleStore, AckCheckpointStore {
  deliveryTarget(jobId: string): Promise<StoredDeliveryTarget>;
  /** Puts the record on the job's failed list (or updates its entry there). */
  recordFailure(jobId: string, recordIndex: number, failure: DeliveryFailure): Promise<void>;
  /** A batch's acknowledged count (absolute, so a retried batch never double counts) and the job's measured rate. */
  saveBatchProgress(jobId: string, batchIndex: number, progress: { delivered: number; currentRate: number }): Promise<void>;
  saveCurrentRate(jobId: string, currentRate: number): Promise<void>;
  /** The failed list, by record index. */
  outstandingFailures(jobId: string): Promise<OutstandingFailure[]>;
  markRedelivering(jobId: string): Promise<void>;
  markRedelivered(jobId: string, recordIndex: number): Promise<void>;
}
