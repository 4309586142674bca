import type { PrismaClient } from '../generated/prisma/client';
import { AuditEventsRepository } from './audit/audit-events.repository';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { WebhookEndpointsRepository } from './deliveries/webhook-endpoints.repository';
import { DatasetsRepository } from './datasets/datasets.repository';
import { JobSpecResolver } from './job-spec/job-spec-resolver';
import { JobsRepository } from './jobs/jobs.repository';
import { MetricsRepository } from './metrics/metrics.repository';
import { PipelinesRepository } from './pipelines/pipelines.repository';
import type { SecretBox } from './secrets/secret-box';
import { SchedulesRepository } from './schedules/schedules.repository';
import { StorageSweepsRepository } from './storage-sweeps/storage-sweeps.repository';

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
  auditEvents: AuditEventsRepository;
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
    auditEvents: new AuditEventsRepository(prisma),
  };
}
