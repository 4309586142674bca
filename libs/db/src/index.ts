// The Prisma client and its row types stay inside libs/db, apart from what the code that still
// uses the client directly needs until its repository exists (webhook deliveries: see Database.client).
export { Prisma, PrismaClient } from './generated/prisma/client';
export type { WebhookEndpoint } from './generated/prisma/client';
export * from './lib/prisma-client';
export * from './lib/database';
export * from './lib/repositories';
export * from './lib/errors/database-error';
export * from './lib/jobs/new-job';
export * from './lib/jobs/job-views';
export * from './lib/jobs/jobs.repository';
export * from './lib/datasets/datasets.repository';
export * from './lib/pipelines/pipelines.repository';
export * from './lib/schedules/schedules.repository';
export * from './lib/metrics/metrics.repository';
export * from './lib/storage-sweeps/storage-sweeps.repository';
export * from './lib/job-spec/job-spec-resolver';
export * from './lib/deliveries/deliveries.repository';
export * from './lib/deliveries/webhook-endpoints.repository';
