import type { PrismaClient } from '../../generated/prisma/client';

/** What an inbox schedule was asked to do; Temporal's Schedule of the same id holds its state. */
export interface InboxScheduleRecord {
  id: string;
  /** Dataset or pipeline whose files the inbox collects. */
  source: string;
  prefix: string;
  cron: string;
  timeZone: string;
  retentionHours: number;
  createdAt: Date;
}

export type NewInboxSchedule = Omit<InboxScheduleRecord, 'createdAt'>;

const FIELDS = { id: true, source: true, prefix: true, cron: true, timeZone: true, retentionHours: true, createdAt: true } as const;

/** A workspace's inbox schedules (every method takes it first). Ids are unique across workspaces, as Temporal's are. */
export class SchedulesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(workspaceId: string): Promise<InboxScheduleRecord[]> {
    return this.prisma.inboxSchedule.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' }, select: FIELDS });
  }

  async get(workspaceId: string, id: string): Promise<InboxScheduleRecord | null> {
    return this.prisma.inboxSchedule.findUnique({ where: { id, workspaceId }, select: FIELDS });
  }

  /** Whether any workspace has a schedule of this id (ids are shared with Temporal, so they are unique across workspaces). */
  async idTakenAcrossWorkspaces(id: string): Promise<boolean> {
    return (await this.prisma.inboxSchedule.count({ where: { id } })) > 0;
  }

  async create(workspaceId: string, schedule: NewInboxSchedule): Promise<InboxScheduleRecord> {
    return this.prisma.inboxSchedule.create({ data: { ...schedule, workspaceId }, select: FIELDS });
  }

  async setTiming(workspaceId: string, id: string, timing: { cron: string; timeZone: string }): Promise<InboxScheduleRecord> {
    return this.prisma.inboxSchedule.update({ where: { id, workspaceId }, data: timing, select: FIELDS });
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.prisma.inboxSchedule.deleteMany({ where: { id, workspaceId } });
  }

  /** Ids of the schedules that collect files for a dataset or pipeline. */
  async idsOfSource(workspaceId: string, source: string): Promise<string[]> {
    return (await this.prisma.inboxSchedule.findMany({ where: { workspaceId, source }, select: { id: true } })).map((s) => s.id);
  }
}
