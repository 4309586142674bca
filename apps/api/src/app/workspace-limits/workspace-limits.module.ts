import { Module } from '@nestjs/common';
import { JobsRepository, WorkspacesRepository } from '@sluice/db';
import { WorkspaceQuota } from '@sluice/jobs';
import type { ObjectStore } from '@sluice/storage';

import type { ApiConfig } from '../../infra/config/api-config';
import { API_CONFIG, OBJECT_STORE } from '../../infra/tokens';

/** Each workspace's limits (the configured defaults with its overrides) and what it uses of them, for launches, schedules and the Storage page. */
@Module({
  providers: [
    {
      provide: WorkspaceQuota,
      inject: [API_CONFIG, OBJECT_STORE, JobsRepository, WorkspacesRepository],
      useFactory: (config: ApiConfig, store: ObjectStore, jobs: JobsRepository, workspaces: WorkspacesRepository) =>
        new WorkspaceQuota({ defaults: config.workspaceLimits, workspaces, jobs, store }),
    },
  ],
  exports: [WorkspaceQuota],
})
export class WorkspaceLimitsModule {}
