import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { AddressPolicy, WebhookSender } from '@sluice/webhooks';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';

import { createCsvJobActivities } from './activities/csv-job.activities';
import { createStorageSweeperActivities } from './activities/storage-sweep.activities';
import { installWorkerRuntime } from './quiet-runtime';
import { ensureStorageSweeperSchedule } from './storage-sweeper-schedule';
import { timerHeartbeats } from './timer-heartbeats';
import { OBJECT_STORE, WORKER_CONFIG } from './tokens';
import type { WorkerConfig } from './worker-config';

/** Runs the Temporal worker for as long as the Nest application lives. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  /** A client connection for the schedule and the sweeper's workflow look-ups (a Client over a NativeConnection is experimental in the SDK). */
  private clientConnection?: Connection;
  private worker?: Worker;
  private running?: Promise<void>;
  private sender?: WebhookSender;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(Database) private readonly db: Database,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    installWorkerRuntime();
    const { allowedNetworks, concurrency, timeoutMs } = this.config.webhooks;
    this.sender = new WebhookSender({ policy: AddressPolicy.fromList(allowedNetworks), connections: concurrency, timeoutMs });
    this.connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    this.clientConnection = await Connection.connect({ address: this.config.temporalAddress });
    const client = new Client({ connection: this.clientConnection, namespace: this.config.temporalNamespace });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      workflowsPath: this.config.workflowsPath,
      activities: {
        ...createCsvJobActivities({
          db: this.db.repositories,
          store: this.store,
          fileLimits: this.config.fileLimits,
          duckDb: this.config.duckDb,
          webhooks: { sender: this.sender, concurrency },
        }),
        ...createStorageSweeperActivities({
          jobs: this.db.repositories.jobs,
          sweeps: this.db.repositories.storageSweeps,
          store: this.store,
          temporal: client,
          minAgeMs: this.config.sweeper.minAgeMs,
        }),
      },
      maxConcurrentActivityTaskExecutions: this.config.maxConcurrentActivities,
      // Every activity heartbeats on a timer (deliveries with their checkpoint), so a dead worker is noticed within the heartbeat timeout.
      interceptors: { activity: [timerHeartbeats()] },
      // Heartbeats reach the server within a second of being sent, well inside the 10 s heartbeat timeouts.
      maxHeartbeatThrottleInterval: '1 second',
    });
    this.running = this.worker.run();
    this.running.catch((error) => this.logger.error(`Worker stopped: ${error}`));
    // Housekeeping must not keep a worker from processing jobs: a failure is logged and the next start tries again.
    await ensureStorageSweeperSchedule(client, this.config.taskQueue).catch((error) =>
      this.logger.warn(`Could not create or update the storage-sweeper schedule: ${error instanceof Error ? error.message : error}`),
    );
    this.logger.log(`Polling task queue "${this.config.taskQueue}" on ${this.config.temporalAddress}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await this.clientConnection?.close();
    await this.sender?.close();
  }
}
