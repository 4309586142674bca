import type { PrismaClient } from '../generated/prisma/client';
import { ActivityFencesRepository } from './fences/activity-fences.repository';
import { AuditEventsRepository } from './audit/audit-events.repository';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { WebhookEndpointsRepository } from './deliveries/webhook-endpoints.repository';
import { DatasetsRepository } from './datasets/datasets.repository';
import { JobSpecResolver } from './job-spec/job-spec-resolver';
import { JobsRepository } from './jobs/jobs.repository';
import { MergeCorrectionsRepository } from './merges/merge-corrections.repository';
import { MetricsRepository } from './metrics/metrics.repository';
import { PipelinesRepository } from './pipelines/pipelines.repository';
import { PresetTargetsRepository } from './presets/preset-targets.repository';
import type { SecretBox } from './secrets/secret-box';
import { SchedulesRepository } from './schedules/schedules.repository';
import { StorageSweepsRepository } from './storage-sweeps/storage-sweeps.repository';
import { ApiTokensRepository } from './identity/api-tokens.repository';
import { SessionsRepository } from './identity/sessions.repository';
import { SignInLinksRepository } from './identity/sign-in-links.repository';
import { UsersRepository } from './identity/users.repository';
import { WorkspacesRepository } from './identity/workspaces.repository';

/** Every repository over one client: what apps are given instead of the client. */
export interface Repositories {
  jobs: JobsRepository;
  datasets: DatasetsRepository;
  pipelines: PipelinesRepository;
  schedules: SchedulesRepository;
  metrics: MetricsRepository;
  storageSweeps: StorageSweepsRepository;
  jobSpecs: JobSpecResolver;
  deliveries: DeliveriesRepository;
  webhookEndpoints: WebhookEndpointsRepository;
  presetTargets: PresetTargetsRepository;
  users: UsersRepository;
  workspaces: WorkspacesRepository;
  sessions: SessionsRepository;
  signInLinks: SignInLinksRepository;
  apiTokens: ApiTokensRepository;
  auditEvents: AuditEventsRepository;
  mergeCorrections: MergeCorrectionsRepository;
  activityFences: ActivityFencesRepository;
}

export function createRepositories(prisma: PrismaClient, secrets: SecretBox): Repositories {
  const datasets = new DatasetsRepository(prisma);
  const pipelines = new PipelinesRepository(prisma);
  return {
    jobs: new JobsRepository(prisma),
    datasets,
    pipelines,
    schedules: new SchedulesRepository(prisma),
    metrics: new MetricsRepository(prisma),
    storageSweeps: new StorageSweepsRepository(prisma),
    jobSpecs: new JobSpecResolver(datasets, pipelines),
    deliveries: new DeliveriesRepository(prisma, secrets),
    webhookEndpoints: new WebhookEndpointsRepository(prisma, secrets),
    presetTargets: new PresetTargetsRepository(prisma),
    users: new UsersRepository(prisma),
    workspaces: new WorkspacesRepository(prisma),
    sessions: new SessionsRepository(prisma),
    signInLinks: new SignInLinksRepository(prisma),
    apiTokens: new ApiTokensRepository(prisma),
    auditEvents: new AuditEventsRepository(prisma),
    mergeCorrections: new MergeCorrectionsRepository(prisma),
    activityFences: new ActivityFencesRepository(prisma),
  };
}
