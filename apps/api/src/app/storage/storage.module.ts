import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ObjectStore, s3ConfigFromEnv } from '@sluice/storage';

import { OBJECT_STORE } from '../tokens';

@Global()
@Module({
  providers: [{ provide: OBJECT_STORE, useFactory: () => new ObjectStore(s3ConfigFromEnv()) }],
  exports: [OBJECT_STORE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  onApplicationShutdown(): void {
    this.store.destroy();
  }
}
