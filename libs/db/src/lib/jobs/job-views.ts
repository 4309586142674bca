import type { JobAggregations, JobSummaryView, MergeStatsView, MetricsSummary, OutputRebuildView, UploadView } from '@sluice/contracts';
import { cleaningCountsSchema, columnMappingsSchema, fileReadingReportSchema, jobAggregationsSchema, mergeStatsSchema, metricsSummarySchema } from '@sluice/core';

import type { Job, Upload } from '../../generated/prisma/client';
import { parseStoredOrNull } from '../stored-json';

/** A job as its page shows it, before the API adds invalid rows, delivery and links. */
export interface JobDetailRecord extends JobSummaryView {
  workflowId: string;
  files: UploadView[];
  aggregations: JobAggregations | null;
  cleaned: Record<string, number>;
  merge: MergeStatsView | null;
  metrics: MetricsSummary | null;
  outputVersion: number;
  outputRebuild: OutputRebuildView | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toJobSummaryView(job: Job & { uploads: Pick<Upload, 'id'>[] }): JobSummaryView {
  return {
    id: job.id,
    dataset: job.dataset,
    datasetVersion: job.datasetVersion,
    status: job.status,
    uploadTime: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    durationMs: job.durationMs,
    rowsProcessed: job.rowsProcessed,
    validRows: job.validRows,
    invalidRowCount: job.invalidRowCount,
    fileIds: job.uploads.map((u) => u.id),
    error: job.error,
    expiresAt: iso(job.expiresAt),
    expiredAt: iso(job.expiredAt),
    pipeline: job.pipeline,
    rerunOf: job.rerunOf,
    scheduleId: job.scheduleId,
    duplicatesRemoved: parseStoredOrNull(mergeStatsSchema, job.mergeStats, 'Job.mergeStats')?.duplicatesRemoved ?? null,
  };
}

export function toUploadView(upload: Upload): UploadView {
  return {
    id: upload.id,
    fileName: upload.fileName,
    dataset: upload.dataset,
    sizeBytes: Number(upload.sizeBytes),
    uploadedAt: upload.uploadedAt.toISOString(),
    rowsProcessed: upload.rowsProcessed,
    validRows: upload.validRows,
    invalidRows: upload.invalidRows,
    error: upload.error,
    columns: parseStoredOrNull(columnMappingsSchema, upload.headerMapping, 'Upload.headerMapping') ?? [],
    cleaned: parseStoredOrNull(cleaningCountsSchema, upload.cleaned, 'Upload.cleaned') ?? {},
    reading: parseStoredOrNull(fileReadingReportSchema, upload.reading, 'Upload.reading'),
  };
}

export function toJobDetailRecord(job: Job & { uploads: Upload[] }): JobDetailRecord {
  return {
    ...toJobSummaryView(job),
    workflowId: job.workflowId,
    files: job.uploads.map(toUploadView),
    aggregations: parseStoredOrNull(jobAggregationsSchema, job.aggregations, 'Job.aggregations'),
    cleaned: parseStoredOrNull(cleaningCountsSchema, job.cleaned, 'Job.cleaned') ?? {},
    merge: parseStoredOrNull(mergeStatsSchema, job.mergeStats, 'Job.mergeStats'),
    metrics: parseStoredOrNull(metricsSummarySchema, job.metrics, 'Job.metrics'),
    outputVersion: job.outputVersion,
    outputRebuild: outputRebuildOf(job),
  };
}

/** A running rebuild, or the last one when it failed (the output stayed); null otherwise. */
function outputRebuildOf(job: Pick<Job, 'outputVersion' | 'rebuildingVersion' | 'rebuildStartedAt' | 'rebuildError'>): OutputRebuildView | null {
  const startedAt = (job.rebuildStartedAt ?? new Date(0)).toISOString();
  if (job.rebuildingVersion !== null) return { state: 'running', outputVersion: job.rebuildingVersion, startedAt, error: null };
  if (job.rebuildError !== null) return { state: 'failed', outputVersion: job.outputVersion + 1, startedAt, error: job.rebuildError };
  return null;
}
