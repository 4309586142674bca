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

export class SchedulesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<InboxScheduleRecord[]> {
    return this.prisma.inboxSchedule.findMany({ orderBy: { createdAt: 'asc' }, select: FIELDS });
  }

  async get(id: string): Promise<InboxScheduleRecord | null> {
    return this.prisma.inboxSchedule.findUnique({ where: { id }, select: FIELDS });
  }

  async create(schedule: NewInboxSchedule): Promise<InboxScheduleRecord> {
    return this.prisma.inboxSchedule.create({ data: schedule, select: FIELDS });
  }

  async setTiming(id: string, timing: { cron: string; timeZone: string }): Promise<InboxScheduleRecord> {
    return this.prisma.inboxSchedule.update({ where: { id }, data: timing, select: FIELDS });
  }

  async remove(id: string): Promise<void> {
    await this.prisma.inboxSchedule.deleteMany({ where: { id } });
  }

  /** Ids of the schedules that collect files for a dataset or pipeline. */
  async idsOfSource(source: string): Promise<string[]> {
    return (await this.prisma.inboxSchedule.findMany({ where: { source }, select: { id: true } })).map((s) => s.id);
  }
}
