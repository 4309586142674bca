import { Global, Module } from '@nestjs/common';

import { API_CONFIG } from '../tokens';
import { apiConfigFromEnv } from './api-config';

@Global()
@Module({
  providers: [{ provide: API_CONFIG, useFactory: () => apiConfigFromEnv() }],
  exports: [API_CONFIG],
})
export class ConfigModule {}
