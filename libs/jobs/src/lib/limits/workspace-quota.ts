import type { WorkspaceLimits, WorkspaceLimitsUsage } from '@sluice/contracts';
import type { JobsRepository, WorkspacesRepository } from '@sluice/db';
import { listWorkspaceObjects, type ObjectStore, storedBytesOf, type WorkspaceObjects } from '@sluice/storage';

import { JobRequestError } from '../job-request-error';
import { megabytes } from '../launch/store-incoming-file';

/** Sizes as people read them: small workspaces' limits in KB, others in MB. */
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : megabytes(bytes));

export interface WorkspaceQuotaDeps {
  /** The configured limits every workspace has unless it overrides one. */
  defaults: WorkspaceLimits;
  workspaces: Pick<WorkspacesRepository, 'limitOverrides'>;
  jobs: Pick<JobsRepository, 'countRunning'>;
  store: Pick<ObjectStore, 'list' | 'listIncompleteUploads'>;
}

/** What a launch may still use once admitted. */
export interface Admission {
  limits: WorkspaceLimits;
  /** Bytes the launch's files may add before the workspace's storage limit. */
  storageBytesLeft: number;
}

export const tooManyJobs = (limits: WorkspaceLimits, running: number) =>
  new JobRequestError(
    'busy',
    `This workspace already has ${running} job${running === 1 ? '' : 's'} waiting or processing, its limit of ${limits.concurrentJobs} at once: wait for one to finish, then try again`,
    { details: { limit: 'concurrentJobs', allowed: limits.concurrentJobs, running } },
  );

export const storageFull = (limits: WorkspaceLimits, usedBytes: number) =>
  new JobRequestError(
    'too_large',
    `This workspace's storage limit of ${size(limits.storageBytes)} would be passed (${size(usedBytes)} stored): delete jobs you no longer need or wait for retention to remove old ones, then upload again`,
    { details: { limit: 'storageBytes', allowed: limits.storageBytes, stored: usedBytes } },
  );

/**
 * A workspace's limits (the defaults, with its own overrides) and the checks a launch passes before
 * any byte is stored. The job count is checked again, under a lock, when the job is recorded
 * (JobsRepository.recordWithinLimit): this first check only spares a busy workspace's client the upload.
 */
export class WorkspaceQuota {
  constructor(private readonly deps: WorkspaceQuotaDeps) {}

  async limitsOf(workspaceId: string): Promise<WorkspaceLimits> {
    return { ...this.deps.defaults, ...(await this.deps.workspaces.limitOverrides(workspaceId)) };
  }

  /** The limits and what the workspace uses of them; `objects` when the caller has listed them already. */
  async usage(workspaceId: string, objects?: WorkspaceObjects): Promise<WorkspaceLimitsUsage> {
    const [limits, runningJobs, listed] = await Promise.all([
      this.limitsOf(workspaceId),
      this.deps.jobs.countRunning(workspaceId),
      objects ?? listWorkspaceObjects(this.deps.store, workspaceId),
    ]);
    return { limits, runningJobs, storageBytes: storedBytesOf(listed) };
  }

  /** Refuses a launch into a workspace at its job limit (429) or storage limit (413); otherwise what the launch may use. */
  async admit(workspaceId: string): Promise<Admission> {
    const { limits, runningJobs, storageBytes } = await this.usage(workspaceId);
    if (runningJobs >= limits.concurrentJobs) throw tooManyJobs(limits, runningJobs);
    if (storageBytes >= limits.storageBytes) throw storageFull(limits, storageBytes);
    return { limits, storageBytesLeft: limits.storageBytes - storageBytes };
  }
}
