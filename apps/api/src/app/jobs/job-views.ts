import type { DeliveryView, InvalidRowView, JobDetailView } from '@sluice/contracts';
import type { JobDetailRecord } from '@sluice/db';

/** A job's page: what is stored, with its first invalid rows, its delivery and a link to its workflow. */
export function toJobDetailView(
  job: JobDetailRecord,
  invalidRows: { total: number; items: InvalidRowView[] },
  delivery: DeliveryView | null = null,
  temporalUiUrl: string | null = null,
  namespace = 'default',
): JobDetailView {
  return {
    ...job,
    unmappedColumns: [...new Set(job.files.flatMap((f) => f.columns.filter((c) => c.field === null).map((c) => c.header.trim())))],
    invalidRows,
    mode: delivery ? 'webhook' : 'download',
    delivery,
    temporalUrl: temporalUiUrl ? `${temporalUiUrl.replace(/\/$/, '')}/namespaces/${namespace}/workflows/${encodeURIComponent(job.workflowId)}` : null,
  };
}
