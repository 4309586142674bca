import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ScheduleView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, INBOX_JOB_WORKFLOW, retentionMsOf } from '@sluice/contracts';
import { isTimeZone } from '@sluice/core';
import { type InboxScheduleRecord, JobSpecResolver, JobsRepository, SchedulesRepository } from '@sluice/db';
import { unknownSource, WorkspaceQuota } from '@sluice/jobs';
import type { ObjectStore } from '@sluice/storage';
import { confinedInboxPrefix, inboxPrefix } from '@sluice/storage';
import type { InboxJobInput } from '@sluice/temporal';
import { datasetSearchAttribute } from '@sluice/temporal';
import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';

import type { ApiConfig } from '../../infra/config/api-config';
import { API_CONFIG, OBJECT_STORE, TEMPORAL_CLIENT } from '../../infra/tokens';
import type { CreateScheduleDto, UpdateScheduleDto } from './create-schedule.dto';

const WEEKLY = '0 6 * * 1';

/** "<source>-inbox"; outside the default workspace with the workspace's first digits, as ids are unique across workspaces. */
function defaultScheduleId(workspaceId: string, source: string): string {
  const base = `${source.replace(/_/g, '-')}-inbox`;
  return workspaceId === DEFAULT_WORKSPACE_ID ? base : `${base}-${workspaceId.slice(0, 8)}`;
}

/**
 * Inbox schedules: Temporal Schedules that run the inboxJob workflow over an S3 prefix. Postgres keeps
 * what was asked (source, prefix, cron); Temporal keeps the state (paused, next and recent runs).
 */
@Injectable()
export class SchedulesService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly quota: WorkspaceQuota,
    private readonly schedules: SchedulesRepository,
    private readonly jobs: JobsRepository,
    private readonly jobSpecs: JobSpecResolver,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async list(workspaceId: string): Promise<ScheduleView[]> {
    const rows = await this.schedules.list(workspaceId);
    return Promise.all(rows.map((row) => this.view(workspaceId, row)));
  }

  async get(workspaceId: string, id: string): Promise<ScheduleView> {
    return this.view(workspaceId, await this.row(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreateScheduleDto): Promise<ScheduleView> {
    const source = dto.source.trim();
    // A pipeline that no longer fits its datasets may still be scheduled: each run checks it again.
    const resolved = await this.jobSpecs.resolve(workspaceId, source);
    if (!resolved.ok && resolved.reason === 'unknown') throw unknownSource(source);
    const id = dto.id ?? defaultScheduleId(workspaceId, source);
    const cron = dto.cron?.trim() ?? WEEKLY;
    const timeZone = this.timeZone(dto.timeZone);
    const prefix = dto.prefix === undefined ? inboxPrefix(workspaceId, source) : confinedInboxPrefix(workspaceId, dto.prefix);
    if (prefix === null) throw new BadRequestException(`prefix "${dto.prefix}" leaves the workspace's inbox: give a folder inside it, such as "${source}/weekly"`);
    if (await this.schedules.get(workspaceId, id)) throw new ConflictException(`Schedule "${id}" exists already`);
    // Schedule ids are Temporal's too, so they are unique across workspaces; the message names no other workspace.
    if (await this.schedules.idTakenAcrossWorkspaces(id)) throw new ConflictException(`Schedule id "${id}" is taken: choose another id`);
    const { retentionHours } = await this.quota.limitsOf(workspaceId);
    const row = { id, source, prefix, cron, timeZone, retentionHours };
    const args: InboxJobInput = { workspaceId, scheduleId: id, source, prefix: row.prefix, retentionMs: retentionMsOf(row.retentionHours) };
    try {
      await this.temporal.schedule.create({
        scheduleId: id,
        spec: { cronExpressions: [cron], timezone: timeZone },
        action: {
          type: 'startWorkflow',
          workflowType: INBOX_JOB_WORKFLOW,
          taskQueue: this.config.taskQueue,
          workflowId: `inbox-${id}`,
          args: [args],
          typedSearchAttributes: [{ key: datasetSearchAttribute, value: source }],
        },
        // A run asked for while one is going waits for it rather than racing it over the same inbox.
        policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '1 day' },
        state: { paused: dto.paused ?? false },
      });
    } catch (error) {
      if (error instanceof ScheduleAlreadyRunning) throw new ConflictException(`Temporal already has a schedule "${id}"`);
      throw this.refused(error);
    }
    return this.view(workspaceId, await this.schedules.create(workspaceId, row));
  }

  async update(workspaceId: string, id: string, dto: UpdateScheduleDto): Promise<ScheduleView> {
    const row = await this.row(workspaceId, id);
    const handle = this.temporal.schedule.getHandle(id);
    const cron = dto.cron?.trim() ?? row.cron;
    const timeZone = dto.timeZone === undefined ? row.timeZone : this.timeZone(dto.timeZone);
    try {
      // One update for timing and pause, so neither overwrites the other with what it read before.
      await handle.update((previous) => ({
        ...previous,
        spec: { cronExpressions: [cron], timezone: timeZone },
        state: {
          ...previous.state,
          paused: dto.paused ?? previous.state.paused,
          note: dto.paused === undefined ? previous.state.note : dto.paused ? 'Paused through the API' : 'Resumed through the API',
        },
      }));
      if (dto.paused !== undefined) await this.settled(id, dto.paused);
    } catch (error) {
      throw this.refused(error);
    }
    return this.view(workspaceId, await this.schedules.setTiming(workspaceId, id, { cron, timeZone }));
  }

  /** Runs the schedule now, whatever its timing; a run already going is followed by this one. */
  async trigger(workspaceId: string, id: string): Promise<void> {
    await this.row(workspaceId, id);
    await this.temporal.schedule.getHandle(id).trigger(ScheduleOverlapPolicy.BUFFER_ONE);
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.row(workspaceId, id);
    try {
      await this.temporal.schedule.getHandle(id).delete();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
    await this.schedules.remove(workspaceId, id);
  }

  /** Temporal applies schedule changes asynchronously: waits (briefly) until a describe shows the new state. */
  private async settled(id: string, paused: boolean): Promise<void> {
    for (const deadline = Date.now() + 3000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if ((await this.temporal.schedule.getHandle(id).describe()).state.paused === paused) return;
    }
  }

  /** The workspace's schedule; another workspace's is not found, like a missing one (so Temporal is never asked about it). */
  private async row(workspaceId: string, id: string): Promise<InboxScheduleRecord> {
    const row = await this.schedules.get(workspaceId, id);
    if (!row) throw new NotFoundException(`Schedule "${id}" not found`);
    return row;
  }

  private timeZone(zone: string | undefined): string {
    const value = zone?.trim() || 'UTC';
    if (!isTimeZone(value)) throw new BadRequestException(`timeZone "${value}" is not a known IANA time zone`);
    return value;
  }

  /** Temporal refuses a bad cron expression with INVALID_ARGUMENT, which the SDK raises as a TypeError: that is the user's 400. */
  private refused(error: unknown): unknown {
    if (error instanceof TypeError) return new BadRequestException(`Temporal refused the schedule: ${error.message}`);
    return error;
  }

  private async view(workspaceId: string, row: InboxScheduleRecord): Promise<ScheduleView> {
    const [description, waiting, jobs] = await Promise.all([
      this.temporal.schedule
        .getHandle(row.id)
        .describe()
        .catch((error) => {
          if (error instanceof ScheduleNotFoundError) return null;
          throw error;
        }),
      this.store.list(row.prefix),
      this.jobs.latestOfSchedule(workspaceId, row.id, 10),
    ]);
    return {
      id: row.id,
      source: row.source,
      prefix: row.prefix,
      cron: row.cron,
      timeZone: row.timeZone,
      paused: description?.state.paused ?? null,
      missingInTemporal: description === null,
      filesWaiting: waiting.filter((o) => o.key.toLowerCase().endsWith('.csv')).length,
      nextRuns: (description?.info.nextActionTimes ?? []).slice(0, 3).map((d) => d.toISOString()),
      recentRuns: (description?.info.recentActions ?? []).map((a) => ({
        scheduledAt: a.scheduledAt.toISOString(),
        takenAt: a.takenAt.toISOString(),
        workflowId: a.action.workflow.workflowId,
      })),
      recentJobs: jobs.map((j) => ({ id: j.id, status: j.status, createdAt: j.createdAt.toISOString() })),
      createdAt: row.createdAt.toISOString(),
    };
  }
}
