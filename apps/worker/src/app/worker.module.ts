import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '@sluice/db';
import { ObjectStore, s3ConfigFromEnv } from '@sluice/storage';

import { TemporalWorkerService } from './temporal-worker.service';
import { OBJECT_STORE, WORKER_CONFIG } from './tokens';
import { workerConfigFromEnv } from './worker-config';

@Module({
  providers: [
    { provide: WORKER_CONFIG, useFactory: () => workerConfigFromEnv() },
    { provide: Database, useFactory: () => new Database() },
    { provide: OBJECT_STORE, useFactory: () => new ObjectStore(s3ConfigFromEnv()) },
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
