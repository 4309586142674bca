import { HOUR_MS, STORAGE_SWEEP_WORKFLOW, STORAGE_SWEEPER_SCHEDULE_ID } from '@sluice/contracts';
import { Client, ScheduleAlreadyRunning, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';

/** The hourly storage sweeper, as a Temporal Schedule: Temporal keeps the timing, retries and history. */
export function storageSweeperSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: STORAGE_SWEEPER_SCHEDULE_ID,
    spec: { intervals: [{ every: HOUR_MS }] },
    action: { type: 'startWorkflow', workflowType: STORAGE_SWEEP_WORKFLOW, taskQueue, workflowId: STORAGE_SWEEPER_SCHEDULE_ID, args: [{}] },
    // A sweep still going makes the next one pointless; one missed while Temporal was down is not worth catching up.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '5 minutes' },
    memo: { purpose: 'Housekeeping: aborts stale multipart uploads and deletes objects no job owns' },
  };
}

/**
 * Creates the schedule, or brings an existing one to this worker's definition (interval, task queue),
 * keeping its state (an operator's pause stands). Every worker calls this at start; any number of
 * them at once leave one schedule.
 */
export async function ensureStorageSweeperSchedule(client: Client, taskQueue: string): Promise<'created' | 'updated' | 'unchanged'> {
  const wanted = storageSweeperSchedule(taskQueue);
  try {
    await client.schedule.create(wanted);
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(STORAGE_SWEEPER_SCHEDULE_ID);
  const current = await handle.describe();
  const same =
    current.action.type === 'startWorkflow' &&
    current.action.workflowType === STORAGE_SWEEP_WORKFLOW &&
    current.action.taskQueue === taskQueue &&
    current.spec.intervals?.length === 1 &&
    current.spec.intervals[0].every === HOUR_MS &&
    !current.spec.calendars?.length;
  if (same) return 'unchanged';
  await handle.update((previous) => ({ ...previous, spec: wanted.spec, action: wanted.action, policies: wanted.policies }));
  return 'updated';
}
