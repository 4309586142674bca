import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { WorkerModule } from './app/worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  // Lets Temporal finish in-flight activities on Ctrl-C / SIGTERM.
  app.enableShutdownHooks();
}

bootstrap().catch((error) => {
  Logger.error(`Worker failed to start: ${error instanceof Error ? error.message : error}`, 'Worker');
  process.exit(1);
});
