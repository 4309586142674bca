import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { installProcessGuard } from './app/process-guard';
import { WorkerModule } from './app/worker.module';

async function bootstrap(): Promise<void> {
  installProcessGuard();
  const app = await NestFactory.createApplicationContext(WorkerModule);
  // Ctrl-C / SIGTERM shuts the Temporal worker down: it stops polling, and each running attempt ends
  // as failed, so another worker retries it at once rather than after its heartbeat timeout.
  app.enableShutdownHooks();
}

bootstrap().catch((error) => {
  Logger.error(`Worker failed to start: ${error instanceof Error ? error.message : error}`, 'Worker');
  process.exit(1);
});
