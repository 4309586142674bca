import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../tokens';
import { Global, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import {
  AuditEventsRepository,
  Database,
  DatasetsRepository,
  DeliveriesRepository,
  WebhookEndpointsRepository,
  JobSpecResolver,
  JobsRepository,
  openSecretBox,
  MetricsRepository,
  PipelinesRepository,
  PresetTargetsRepository,
  Repositories,
  SchedulesRepository,
  StorageSweepsRepository,
  UsersRepository,
  WorkspacesRepository,
  SessionsRepository,
  SignInLinksRepository,
  ApiTokensRepository,
  MergeCorrectionsRepository,
} from '@sluice/db';

const repository = (token: abstract new (...args: never[]) => unknown, pick: (r: Repositories) => unknown) => ({
  provide: token,
  useFactory: (db: Database) => pick(db.repositories),
  inject: [Database],
});

const REPOSITORIES = [
  repository(JobsRepository, (r) => r.jobs),
  repository(DatasetsRepository, (r) => r.datasets),
  repository(PipelinesRepository, (r) => r.pipelines),
  repository(SchedulesRepository, (r) => r.schedules),
  repository(MetricsRepository, (r) => r.metrics),
  repository(StorageSweepsRepository, (r) => r.storageSweeps),
  repository(JobSpecResolver, (r) => r.jobSpecs),
  repository(DeliveriesRepository, (r) => r.deliveries),
  repository(WebhookEndpointsRepository, (r) => r.webhookEndpoints),
  repository(PresetTargetsRepository, (r) => r.presetTargets),
  repository(UsersRepository, (r) => r.users),
  repository(WorkspacesRepository, (r) => r.workspaces),
  repository(SessionsRepository, (r) => r.sessions),
  repository(SignInLinksRepository, (r) => r.signInLinks),
  repository(ApiTokensRepository, (r) => r.apiTokens),
  repository(AuditEventsRepository, (r) => r.auditEvents),
  repository(MergeCorrectionsRepository, (r) => r.mergeCorrections),
] satisfies Provider[];

/** Postgres for every feature: one Database, its repositories as providers, disconnected at shutdown. */
@Global()
@Module({
  providers: [{ provide: Database, useFactory: (config: ApiConfig) => new Database(config.databaseUrl, openSecretBox(config.secretKey)), inject: [API_CONFIG] }, ...REPOSITORIES],
  exports: [Database, ...REPOSITORIES.map((p) => p.provide)],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.disconnect();
  }
}
