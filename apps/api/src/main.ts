import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from './app/app.module';
import { apiConfigFromEnv } from './infra/config/api-config';
import { configureApp } from './infra/http/configure-app';
import { guardProcess } from './infra/process-guard';

async function bootstrap(): Promise<void> {
  const config = apiConfigFromEnv();
  const app = await NestFactory.create(AppModule);
  configureApp(app, config);
  await app.listen(config.port, config.host);
  guardProcess();
  const { port } = app.getHttpServer().address() as { port: number };
  Logger.log(`API on http://${config.host}:${port}/api (docs at /docs)`, 'Bootstrap');
}

bootstrap().catch((error) => {
  Logger.error(`API failed to start: ${error instanceof Error ? error.message : error}`, 'Bootstrap');
  process.exit(1);
});
