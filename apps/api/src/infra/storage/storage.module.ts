import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ObjectStore } from '@sluice/storage';

import type { ApiConfig } from '../config/api-config';
import { API_CONFIG, OBJECT_STORE } from '../tokens';

@Global()
@Module({
  providers: [{ provide: OBJECT_STORE, useFactory: (config: ApiConfig) => new ObjectStore(config.s3), inject: [API_CONFIG] }],
  exports: [OBJECT_STORE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  onApplicationShutdown(): void {
    this.store.destroy();
  }
}
