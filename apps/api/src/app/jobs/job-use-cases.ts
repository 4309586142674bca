import { Logger, type Provider } from '@nestjs/common';
import { DatasetsRepository, JobSpecResolver, JobsRepository, PipelinesRepository, WebhookEndpointsRepository } from '@sluice/db';
import { LaunchJob, RerunJob, WorkspaceQuota } from '@sluice/jobs';
import type { ObjectStore } from '@sluice/storage';
import type { AddressPolicy } from '@sluice/webhooks';
import type { Client } from '@temporalio/client';

import type { ApiConfig } from '../../infra/config/api-config';
import { ADDRESS_POLICY, API_CONFIG, OBJECT_STORE, TEMPORAL_CLIENT } from '../../infra/tokens';
import { TemporalWorkflows } from '../../infra/temporal/temporal-workflows';

/** The job use cases of @sluice/jobs, over the API's Postgres, S3, Temporal client and configuration. */
export const JOB_USE_CASES = [
  {
    provide: LaunchJob,
    inject: [
      API_CONFIG,
      OBJECT_STORE,
      TEMPORAL_CLIENT,
      ADDRESS_POLICY,
      JobsRepository,
      JobSpecResolver,
      DatasetsRepository,
      PipelinesRepository,
      WebhookEndpointsRepository,
      WorkspaceQuota,
    ],
    useFactory: (
      config: ApiConfig,
      store: ObjectStore,
      temporal: Client,
      policy: AddressPolicy,
      jobs: JobsRepository,
      jobSpecs: JobSpecResolver,
      datasets: DatasetsRepository,
      pipelines: PipelinesRepository,
      endpoints: WebhookEndpointsRepository,
      quota: WorkspaceQuota,
    ) =>
      new LaunchJob({
        store,
        jobs,
        jobSpecs,
        datasets,
        pipelines,
        policy,
        endpoints,
        workflows: new TemporalWorkflows(temporal, config.taskQueue),
        logger: new Logger(LaunchJob.name),
        quota,
        maxFileBytes: config.maxUploadBytes,
      }),
  },
  {
    provide: RerunJob,
    inject: [API_CONFIG, OBJECT_STORE, TEMPORAL_CLIENT, JobsRepository, WorkspaceQuota],
    useFactory: (config: ApiConfig, store: ObjectStore, temporal: Client, jobs: JobsRepository, quota: WorkspaceQuota) => {
      const workflows = new TemporalWorkflows(temporal, config.taskQueue);
      return new RerunJob({ store, jobs, quota, workflows, startInputs: workflows, logger: new Logger(RerunJob.name) });
    },
  },
] satisfies Provider[];
