import type { JobStatus } from './job-status';

export interface ScheduleView {
  id: string;
  /** Dataset or pipeline name. */
  source: string;
  /** Where to drop files: every .csv under it goes into the next run's job. */
  prefix: string;
  cron: string;
  timeZone: string;
  /** Null when Temporal has no such schedule (deleted outside Sluice). */
  paused: boolean | null;
  missingInTemporal: boolean;
  filesWaiting: number;
  nextRuns: string[];
  recentRuns: { scheduledAt: string; takenAt: string; workflowId: string }[];
  recentJobs: { id: string; status: JobStatus; createdAt: string }[];
  createdAt: string;
}
