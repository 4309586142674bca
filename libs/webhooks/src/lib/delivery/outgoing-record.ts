import { webhookMessageId } from '@sluice/contracts';

import type { AttemptResult } from '../webhook-sender';
import type { DeliveryFailure } from './delivery-store';

export interface OutgoingRecord {
  recordIndex: number;
  messageId: string;
  body: string;
}

/** The message for one line of the records file; the line is already JSON, so it is spliced in, not re-encoded. */
export function outgoingRecord(jobId: string, dataset: string, recordIndex: number, line: string): OutgoingRecord {
  return {
    recordIndex,
    messageId: webhookMessageId(jobId, recordIndex),
    body: `{"jobId":${JSON.stringify(jobId)},"dataset":${JSON.stringify(dataset)},"recordIndex":${recordIndex},"data":${line}}`,
  };
}

export function recordLines(bytes: Buffer): string[] {
  return bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** How a record's failure goes on the failed list. */
export function deliveryFailure(attempts: number, last: AttemptResult): DeliveryFailure {
  return { attempts, lastStatus: last.status, lastError: last.error ?? 'failed' };
}
