import { STORAGE_SWEEP_WORKFLOW, type StorageSweepOutcome } from '@sluice/contracts';
import { WorkflowFailedError } from '@temporalio/client';

import type { StorageSweeperActivities } from '../storage-sweeper-activities';
import { useWorkflowSpecEnv } from '../testing/workflow-env';
import type { storageSweep } from './storage-sweep.workflow';

const swept: StorageSweepOutcome = {
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:00:02.000Z',
  filesDeleted: 3,
  bytesDeleted: 4096,
  uploadsAborted: 1,
  uploadBytesAborted: 512,
  jobsExpired: 2,
};

describe('storageSweep', () => {
  const specs = useWorkflowSpecEnv(['sweepStorage', 'recordStorageSweep']);
  let runs = 0;

  async function sweep(overrides: Partial<StorageSweeperActivities> = {}) {
    const workflowId = `storage-sweeper-${++runs}`;
    const calls = specs.stub(workflowId, { sweepStorage: async () => swept, recordStorageSweep: async () => undefined, ...overrides });
    const handle = await specs.env.client.workflow.start<typeof storageSweep>(STORAGE_SWEEP_WORKFLOW, { taskQueue: specs.taskQueue, workflowId, args: [{ minAgeMs: 60_000 }] });
    return { handle, calls };
  }

  it('sweeps, then records what went under its run id', async () => {
    const { handle, calls } = await sweep();
    expect(await handle.result()).toEqual(swept);
    expect(calls.map((call) => [call.activity, call.input])).toEqual([
      ['sweepStorage', { minAgeMs: 60_000 }],
      ['recordStorageSweep', { ...swept, workflowRunId: handle.firstExecutionRunId }],
    ]);
  });

  it('retries a failed recording with the outcome it already has, without sweeping again', async () => {
    let failures = 2;
    const { handle, calls } = await sweep({
      recordStorageSweep: async () => {
        if (failures-- > 0) throw new Error('Database is unreachable');
      },
    });
    await handle.result();
    expect(calls.map((call) => [call.activity, call.attempt])).toEqual([
      ['sweepStorage', 1],
      ['recordStorageSweep', 1],
      ['recordStorageSweep', 2],
      ['recordStorageSweep', 3],
    ]);
    expect(new Set(calls.slice(1).map((call) => JSON.stringify(call.input))).size).toBe(1);
  });

  it('fails, recording nothing, once the sweep has spent its retries', async () => {
    const { handle, calls } = await sweep({
      sweepStorage: async () => {
        throw new Error('Storage is unreachable');
      },
    });
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(calls.map((call) => call.activity)).toEqual(Array(5).fill('sweepStorage'));
  });
});
