/** Records per second a job may choose in the admin; `null` is unlimited. Any positive rate is accepted over REST. */
export const RATE_LIMIT_PRESETS: readonly (number | null)[] = [1, 5, 10, 30, 60, null];
export const DEFAULT_RATE_LIMIT = 10;
/** Waits before the 2nd, 3rd and 4th attempt of a record. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 3000, 9000];

/** What a job does with its results: keeps them for download, or also POSTs every record to a webhook. */
export const PROCESSING_MODES = ['download', 'webhook'] as const;
export type ProcessingMode = (typeof PROCESSING_MODES)[number];

/** A webhook delivery's life cycle, in order: it ends `delivered`, `partial` (some records failed) or `skipped` (nothing to deliver). */
export const DELIVERY_STATES = ['pending', 'delivering', 'delivered', 'partial', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States in which a delivery still has records on their way. */
export const ACTIVE_DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'delivering'];

/** What a webhook-mode job tells its workflow about delivery. */
export interface DeliveryOptions {
  endpointId: string;
  url: string;
  /** Records per second across the whole job; null is unlimited. */
  rateLimit: number | null;
  retryDelaysMs: number[];
}

/** A slice of the job's records file that one activity delivers: records [firstRecord, firstRecord + count), bytes [start, end]. */
export interface DeliveryBatchPlan {
  index: number;
  firstRecord: number;
  count: number;
  start: number;
  end: number;
}

export interface DeliveryPlan {
  recordsKey: string;
  total: number;
  batches: DeliveryBatchPlan[];
}

/** The JSON body POSTed for each record. */
export interface WebhookRecordPayload {
  jobId: string;
  dataset: string;
  recordIndex: number;
  data: Record<string, unknown>;
}

/** The message id of a record: the same on every attempt and every replay, so receivers can de-duplicate. */
export function webhookMessageId(jobId: string, recordIndex: number): string {
  return `msg_${jobId.replace(/-/g, '')}_${recordIndex}`;
}

export interface DeliveryView {
  endpointId: string;
  url: string;
  state: DeliveryState;
  /** Configured records per second; null is unlimited. */
  rateLimit: number | null;
  /** Measured acknowledged records per second over the last seconds. */
  currentRate: number;
  retryDelaysMs: number[];
  total: number;
  delivered: number;
  failed: number;
  pending: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface FailedDeliveryView {
  recordIndex: number;
  messageId: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string;
  failedAt: string;
}

/** A registered receiver. Its signing secret is never read back: it is shown once, when made (see CreatedWebhookEndpointView). */
export interface WebhookEndpointView {
  id: string;
  url: string;
  createdAt: string;
}

/** The answer that makes a signing secret: registering a new URL, or rotating the secret. The only time it is shown. */
export interface CreatedWebhookEndpointView extends WebhookEndpointView {
  /** The Standard Webhooks signing secret ("whsec_…"). */
  secret: string;
}

export interface WebhookTestResult {
  url: string;
  endpointId: string;
  messageId: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}
