import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@sluice/db';
import { ObjectStore, s3ConfigFromEnv } from '@sluice/storage';

import { TemporalWorkerService } from './temporal-worker.service';
import { OBJECT_STORE, PRISMA, WORKER_CONFIG } from './tokens';
import { workerConfigFromEnv } from './worker-config';

@Module({
  providers: [
    { provide: WORKER_CONFIG, useFactory: () => workerConfigFromEnv() },
    { provide: PRISMA, useFactory: () => createPrismaClient() },
    { provide: OBJECT_STORE, useFactory: () => new ObjectStore(s3ConfigFromEnv()) },
    TemporalWorkerService,
  ],
})
export class WorkerModule implements OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    this.store.destroy();
  }
}
