import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Database } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import type { Client } from '@temporalio/client';

import { withTimeout } from '../common/with-timeout';
import { OBJECT_STORE, TEMPORAL_CLIENT } from '../../infra/tokens';

const TIMEOUT_MS = 3000;

/** Whether each server Sluice depends on answers right now. */
@Injectable()
export class DependencyHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly database: Database,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporalClient: Client,
  ) {}

  postgres(): Promise<HealthIndicatorResult> {
    return this.probe('postgres', () => this.database.ping());
  }

  s3(): Promise<HealthIndicatorResult> {
    return this.probe('s3', () => this.store.ping());
  }

  temporal(): Promise<HealthIndicatorResult> {
    // Not connection.ensureConnected(): it keeps its first failure, so a Temporal that was down at the first check would stay down.
    return this.probe('temporal', () => this.temporalClient.workflowService.getSystemInfo({}));
  }

  private async probe<const Key extends string>(key: Key, check: () => Promise<unknown>): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    try {
      await withTimeout(check(), TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
