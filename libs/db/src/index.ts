export { Prisma, PrismaClient } from './generated/prisma/client';
export type { InvalidRow, Job, Upload } from './generated/prisma/client';
export * from './lib/create-prisma-client';
export type { DatasetConfig, DatasetConfigVersion } from './generated/prisma/client';
export type { DeliveryBatch, FailedDelivery, JobDelivery, WebhookEndpoint } from './generated/prisma/client';
export type { MetricDaily } from './generated/prisma/client';
export * from './lib/job-records';
export * from './lib/dataset-versions';
export type { InboxSchedule } from './generated/prisma/client';
