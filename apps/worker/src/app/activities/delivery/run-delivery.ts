import type { Context } from '@temporalio/activity';

import type { ActivityDeps } from '../activity-deps';
import { deliverRecords, DeliveryListener, OutgoingRecord } from './deliver-records';
import { withTicks } from './delivery-progress';
import { loadDeliveryTarget } from './delivery-target';
import { PostgresRateGate } from './postgres-rate-gate';

/** Delivers `records` to the job's webhook under the job's shared rate limit, calling `save` every second and at the end. */
export async function runDelivery(
  deps: ActivityDeps,
  context: Context,
  jobId: string,
  records: OutgoingRecord[],
  listener: DeliveryListener,
  save: () => Promise<void>,
): Promise<void> {
  const target = await loadDeliveryTarget(deps.prisma, jobId);
  const resources = { ...deps.webhooks, gate: new PostgresRateGate(deps.prisma, jobId), signal: context.cancellationSignal };
  await withTicks(() => deliverRecords(records, target, resources, listener), save);
}
