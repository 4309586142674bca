import { Global, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Database, DatasetsRepository, JobSpecResolver, JobsRepository, MetricsRepository, PipelinesRepository, Repositories, SchedulesRepository, StorageSweepsRepository } from '@sluice/db';

import { PRISMA } from '../tokens';

const repository = (token: abstract new (...args: never[]) => unknown, pick: (r: Repositories) => unknown) => ({ provide: token, useFactory: (db: Database) => pick(db.repositories), inject: [Database] });

const REPOSITORIES = [
  repository(JobsRepository, (r) => r.jobs),
  repository(DatasetsRepository, (r) => r.datasets),
  repository(PipelinesRepository, (r) => r.pipelines),
  repository(SchedulesRepository, (r) => r.schedules),
  repository(MetricsRepository, (r) => r.metrics),
  repository(StorageSweepsRepository, (r) => r.storageSweeps),
  repository(JobSpecResolver, (r) => r.jobSpecs),
] satisfies Provider[];

/** Postgres for every feature: one Database, its repositories as providers, disconnected at shutdown. */
@Global()
@Module({
  providers: [
    { provide: Database, useFactory: () => new Database() },
    // Only the webhook features still take the client itself, until their deliveries repository lands.
    { provide: PRISMA, useFactory: (db: Database) => db.client, inject: [Database] },
    ...REPOSITORIES,
  ],
  exports: [Database, PRISMA, ...REPOSITORIES.map((p) => p.provide)],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.disconnect();
  }
}
