import type { ColumnMappingView, DeliveryView, InvalidRowView, JobAggregations, MergeStatsView, JobDetailView, JobSummaryView, MetricsSummary, UploadView } from '@sluice/contracts';
import type { InvalidRow, Job, Upload } from '@sluice/db';

import { iso } from '../common/iso-date';


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
    duplicatesRemoved: (job.mergeStats as unknown as MergeStatsView | null)?.duplicatesRemoved ?? null,
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
    columns: (upload.headerMapping as unknown as ColumnMappingView[] | null) ?? [],
    cleaned: (upload.cleaned as Record<string, number> | null) ?? {},
  };
}

export function toInvalidRowView(row: InvalidRow): InvalidRowView {
  return { fileId: row.uploadId, row: row.line, error: row.error };
}

export function toJobDetailView(
  job: Job & { uploads: Upload[] },
  invalidRows: { total: number; items: InvalidRow[] },
  delivery: DeliveryView | null = null,
  temporalUiUrl: string | null = null,
  namespace = 'default',
): JobDetailView {
  const files = job.uploads.map(toUploadView);
  return {
    ...toJobSummaryView(job),
    workflowId: job.workflowId,
    files,
    unmappedColumns: [...new Set(files.flatMap((f) => f.columns.filter((c) => c.field === null).map((c) => c.header.trim())))],
    aggregations: (job.aggregations as unknown as JobAggregations | null) ?? null,
    cleaned: (job.cleaned as Record<string, number> | null) ?? {},
    merge: (job.mergeStats as unknown as MergeStatsView | null) ?? null,
    invalidRows: { total: invalidRows.total, items: invalidRows.items.map(toInvalidRowView) },
    mode: delivery ? 'webhook' : 'download',
    delivery,
    metrics: (job.metrics as unknown as MetricsSummary | null) ?? null,
    temporalUrl: temporalUiUrl ? `${temporalUiUrl.replace(/\/$/, '')}/namespaces/${namespace}/workflows/${encodeURIComponent(job.workflowId)}` : null,
  };
}
