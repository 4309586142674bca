import type { StorageSweepInput, StorageSweepOutcome } from '@sluice/contracts';

/** What the storageSweep workflow (started by the storage-sweeper schedule) asks of the worker. */
export interface StorageSweeperActivities {
  /** Aborts stale incomplete uploads and deletes objects no job owns and what expired jobs left; idempotent. */
  sweepStorage(input: StorageSweepInput): Promise<StorageSweepOutcome>;
  /** Records a finished run in Postgres, once per workflow run. */
  recordStorageSweep(input: StorageSweepOutcome & { workflowRunId: string }): Promise<void>;
}
