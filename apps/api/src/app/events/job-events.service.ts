import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { BehaviorSubject, bufferTime, distinctUntilChanged, filter, map, Observable, share, Subject } from 'rxjs';

import type { ApiConfig } from '../../infra/config/api-config';
import { API_CONFIG } from '../../infra/tokens';

const CHANNEL = 'job_changed';
/** Changes are gathered this long, so a job counting rows sends one event per interval, not one per write. */
const GATHER_MS = 250;
const RECONNECT_MS = 2000;

/** A notification's payload, "<workspaceId>:<jobId>" (see the migration workspace_metric_distinct). */
interface JobChange {
  workspaceId: string;
  jobId: string;
}

function parseChange(payload: string): JobChange | null {
  const [workspaceId, jobId, ...rest] = payload.split(':');
  // A bare id (a notification from before workspaces) names no workspace: it goes to nobody.
  return workspaceId && jobId && !rest.length ? { workspaceId, jobId } : null;
}

/**
 * Job changes as Postgres announces them (LISTEN job_changed, fed by triggers): one listening
 * connection per API process, opened with the first subscriber and shared by every stream; each
 * stream sees its workspace's jobs only.
 */
@Injectable()
export class JobEventsService implements OnModuleDestroy {
  private readonly logger = new Logger(JobEventsService.name);
  private readonly changes = new Subject<JobChange>();
  private readonly listening = new BehaviorSubject(false);
  private client: Client | null = null;
  private closed = false;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  private readonly allChanges$: Observable<JobChange> = new Observable<JobChange>((subscriber) => {
    void this.listen();
    return this.changes.subscribe(subscriber);
  }).pipe(share());

  /** Ids of the workspace's jobs that changed, gathered per interval. */
  changedIn(workspaceId: string): Observable<string[]> {
    return this.allChanges$.pipe(
      filter((change) => change.workspaceId === workspaceId),
      map((change) => change.jobId),
      bufferTime(GATHER_MS),
      filter((ids) => ids.length > 0),
      map((ids) => [...new Set(ids)]),
    );
  }

  /**
   * Emits each time the LISTEN is in place: from then on no change is missed. Changes made while it
   * was not (before the first, or during a reconnect) are lost, so a client reloads what it shows.
   */
  readonly listening$: Observable<void> = this.listening.pipe(
    distinctUntilChanged(),
    filter(Boolean),
    map(() => undefined),
  );

  private async listen(): Promise<void> {
    if (this.client || this.closed) return;
    const client = new Client({ connectionString: this.config.databaseUrl });
    this.client = client;
    client.on('notification', (message) => {
      const change = message.payload ? parseChange(message.payload) : null;
      if (change) this.changes.next(change);
    });
    client.on('error', (error) => this.reconnect(client, error));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.client === client) this.listening.next(true);
    } catch (error) {
      this.reconnect(client, error);
    }
  }

  private reconnect(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.logger.warn(`Job change notifications interrupted (${error}); reconnecting`);
    this.client = null;
    this.listening.next(false);
    void client.end().catch(() => undefined);
    if (!this.closed) setTimeout(() => void this.listen(), RECONNECT_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.changes.complete();
    this.listening.complete();
    await this.client?.end().catch(() => undefined);
  }
}
