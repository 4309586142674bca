import type { DeliveriesRepository } from '@sluice/db';
import type { DeliveryEngine, DeliveryStore } from '@sluice/webhooks';
import { Context } from '@temporalio/activity';

import type { ActivityDeps } from '../activity-deps';

/** The deliveries repository bound to one workspace: the engine keys its store by job id only. */
export function workspaceDeliveryStore(deliveries: DeliveriesRepository, workspaceId: string): DeliveryStore {
  return {
    reserveSendSlots: (jobId, count) => deliveries.reserveSendSlots(workspaceId, jobId, count),
    openAckCheckpoint: (jobId, batchIndex) => deliveries.openAckCheckpoint(workspaceId, jobId, batchIndex),
    saveAcked: (jobId, batchIndex, acked) => deliveries.saveAcked(workspaceId, jobId, batchIndex, acked),
    deliveryTarget: (jobId) => deliveries.deliveryTarget(workspaceId, jobId),
    recordFailure: (jobId, recordIndex, failure) => deliveries.recordFailure(workspaceId, jobId, recordIndex, failure),
    saveBatchProgress: (jobId, batchIndex, progress) => deliveries.saveBatchProgress(workspaceId, jobId, batchIndex, progress),
    saveCurrentRate: (jobId, currentRate) => deliveries.saveCurrentRate(workspaceId, jobId, currentRate),
    outstandingFailures: (jobId) => deliveries.outstandingFailures(workspaceId, jobId),
    markRedelivering: (jobId) => deliveries.markRedelivering(workspaceId, jobId),
    markRedelivered: (jobId, recordIndex) => deliveries.markRedelivered(workspaceId, jobId, recordIndex),
  };
}

/** The delivery engine of the running activity: the workspace's deliveries, the worker's sender, and Temporal's heartbeats and cancellation. */
export function deliveryEngine(deps: ActivityDeps, workspaceId: string): DeliveryEngine {
  const context = Context.current();
  return {
    store: workspaceDeliveryStore(deps.db.deliveries, workspaceId),
    ...deps.webhooks,
    signal: context.cancellationSignal,
    checkpoints: { resumeFrom: context.info.heartbeatDetails, heartbeat: (checkpoint) => context.heartbeat(checkpoint) },
  };
}
