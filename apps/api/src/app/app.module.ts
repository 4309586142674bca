import { existsSync } from 'node:fs';

import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

import { apiConfigFromEnv } from '../infra/config/api-config';
import { AuditModule } from '../infra/audit/audit.module';
import { AuditLogModule } from './audit/audit.module';
import { AuthModule } from '../infra/auth/auth.module';
import { ConfigModule } from '../infra/config/config.module';
import { DatasetsModule } from './datasets/datasets.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MergesModule } from './merges/merges.module';
import { MetricsModule } from './metrics/metrics.module';
import { PipelinesModule } from './pipelines/pipelines.module';
import { PersistenceModule } from '../infra/persistence/persistence.module';
import { SchedulesModule } from './schedules/schedules.module';
import { SecretsModule } from '../infra/secrets/secrets.module';
import { StorageModule } from '../infra/storage/storage.module';
import { StorageUsageModule } from './storage-usage/storage-usage.module';
import { TemporalModule } from '../infra/temporal/temporal.module';
import { UploadsModule } from './uploads/uploads.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { AuthProvidersModule } from './auth-providers/auth-providers.module';
import { MembersModule } from './members/members.module';
import { SessionModule } from './session/session.module';
import { SsoModule } from './sso/sso.module';
import { TokensModule } from './tokens/tokens.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

/** The built admin console, served from the same origin as the API when it has been built. */
const adminConsole = ServeStaticModule.forRootAsync({
  useFactory: () => {
    const rootPath = apiConfigFromEnv().adminDir;
    return existsSync(rootPath) ? [{ rootPath, exclude: ['/api/{*path}', '/docs/{*path}', '/health'] }] : [];
  },
});

@Module({
  imports: [
    ConfigModule,
    AuditModule,
    AuthModule,
    PersistenceModule,
    SecretsModule,
    StorageModule,
    TemporalModule,
    UploadsModule,
    JobsModule,
    MergesModule,
    DatasetsModule,
    PipelinesModule,
    MetricsModule,
    SchedulesModule,
    EventsModule,
    StorageUsageModule,
    WebhooksModule,
    HealthModule,
    SessionModule,
    SsoModule,
    AuthProvidersModule,
    WorkspacesModule,
    MembersModule,
    TokensModule,
    AuditLogModule,
    adminConsole,
  ],
})
export class AppModule {}
