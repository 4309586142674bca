import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database, openSecretBox } from '@sluice/db';
import { ObjectStore } from '@sluice/storage';

import { TemporalWorkerService } from './temporal-worker.service';
import { OBJECT_STORE, WORKER_CONFIG } from './tokens';
import { type WorkerConfig, workerConfigFromEnv } from './worker-config';

@Module({
  providers: [
    { provide: WORKER_CONFIG, useFactory: () => workerConfigFromEnv() },
    { provide: Database, useFactory: (config: WorkerConfig) => new Database(config.databaseUrl, openSecretBox(config.secretKey)), inject: [WORKER_CONFIG] },
    { provide: OBJECT_STORE, useFactory: (config: WorkerConfig) => new ObjectStore(config.s3), inject: [WORKER_CONFIG] },
    TemporalWorkerService,
  ],
})
export class WorkerModule implements OnApplicationShutdown {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.disconnect();
    this.store.destroy();
  }
}
