import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestDatabase } from '@sluice/db/testing';
import { ObjectStore, s3ConfigFromEnv } from '@sluice/storage';
import { Client, Connection } from '@temporalio/client';

import { AppModule } from '../../../api/src/app/app.module';
import { configureApp } from '../../../api/src/infra/http/configure-app';
import { WorkerModule } from '../../../worker/src/app/worker.module';

/**
 * The real API and worker, in this process, against the real test stack; plus direct access so
 * tests can check what landed in Postgres, S3 and Temporal.
 */
export interface SluiceApp {
  baseUrl: string;
  db: TestDatabase;
  store: ObjectStore;
  temporal: Client;
  /** Stops the worker as a deploy or a crash would, with activities still running, and starts a new one. */
  replaceWorker(): Promise<void>;
  close(): Promise<void>;
}

async function startWorker(): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  await worker.init();
  return worker;
}

/** `inProcessWorker: false` leaves the worker to the test, e.g. as an OS process it can kill. */
export async function startSluice(env: Record<string, string> = {}, { inProcessWorker = true } = {}): Promise<SluiceApp> {
  Object.assign(process.env, { WORKER_LOG_LEVEL: 'ERROR' }, env);
  const api: INestApplication = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  configureApp(api);
  await api.listen(0, '127.0.0.1');
  let worker = inProcessWorker ? await startWorker() : null;
  const address = api.getHttpServer().address() as { port: number };
  const db = new TestDatabase();
  const store = new ObjectStore(s3ConfigFromEnv(process.env));
  const connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    db,
    store,
    temporal: new Client({ connection }),
    async replaceWorker() {
      await worker?.close();
      worker = await startWorker();
    },
    async close() {
      await worker?.close();
      await api.close();
      await db.disconnect();
      store.destroy();
      await connection.close();
    },
  };
}
