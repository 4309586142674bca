import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateUploadResult,
  FailedDeliveryView,
  InvalidRowView,
  JobDetailView,
  JobStatus,
  JobSummaryView,
  Paginated,
  RerunJobResult,
  StoredPipeline,
  WebhookTestResult,
} from '@sluice/contracts';
import { catchError, combineLatest, map, Observable, of } from 'rxjs';

/** Webhook settings of an upload; rate is records/s or "unlimited". */
export interface WebhookDelivery {
  webhookUrl: string;
  rateLimit: string;
}

export interface DatasetOption {
  name: string;
  label: string;
}

export interface SourceOptions {
  datasets: DatasetOption[];
  pipelines: DatasetOption[];
}

/** What the uploaded files are read as: one dataset, or a pipeline whose datasets are detected per file. */
export type UploadSource = { dataset: string } | { pipeline: string };

export interface JobFilters {
  status?: JobStatus | '';
  dataset?: string;
  /** Created on or after / before this day, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

/** The admin's only door to the REST API. */
@Injectable({ providedIn: 'root' })
export class JobsApiService {
  private readonly http = inject(HttpClient);

  listJobs(page: number, pageSize: number, filters: JobFilters = {}): Observable<Paginated<JobSummaryView>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    for (const [key, value] of Object.entries(filters)) if (value) params = params.set(key, value);
    return this.http.get<Paginated<JobSummaryView>>('/api/jobs', { params });
  }

  rerun(id: string): Observable<RerunJobResult> {
    return this.http.post<RerunJobResult>(`/api/jobs/${id}/rerun`, {});
  }

  getJob(id: string): Observable<JobDetailView> {
    return this.http.get<JobDetailView>(`/api/jobs/${id}`);
  }

  listInvalidRows(id: string, page: number, pageSize: number): Observable<Paginated<InvalidRowView>> {
    return this.http.get<Paginated<InvalidRowView>>(`/api/jobs/${id}/invalid-rows`, {
      params: new HttpParams().set('page', page).set('pageSize', pageSize),
    });
  }

  listDatasets(): Observable<DatasetOption[]> {
    return this.http
      .get<{ definition: DatasetOption }[]>('/api/datasets')
      .pipe(map((datasets) => datasets.map(({ definition }) => ({ name: definition.name, label: definition.label }))));
  }

  listPipelines(): Observable<DatasetOption[]> {
    return this.http.get<StoredPipeline[]>('/api/pipelines').pipe(map((pipelines) => pipelines.map(({ definition: { name, label } }) => ({ name, label }))));
  }

  /** Both kinds of source a job reads its files as; empty lists when the API cannot say. */
  listSources(): Observable<SourceOptions> {
    return combineLatest([this.listDatasets(), this.listPipelines()]).pipe(
      map(([datasets, pipelines]) => ({ datasets, pipelines })),
      catchError(() => of<SourceOptions>({ datasets: [], pipelines: [] })),
    );
  }

  /** The dataset a file's header row belongs to; errors when none fits. */
  detectDataset(sample: string): Observable<{ dataset: string; coverage: number }> {
    return this.http.post<{ dataset: string; coverage: number }>('/api/datasets/detect', { sample });
  }

  /** `fields`: more form fields, such as how the files are read (see readingFormFields). */
  upload(source: UploadSource, files: File[], webhook: WebhookDelivery | null = null, fields: Record<string, string> = {}): Observable<CreateUploadResult> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if ('pipeline' in source) form.append('pipeline', source.pipeline);
    else form.append('dataset', source.dataset);
    if (webhook) {
      form.append('mode', 'webhook');
      form.append('webhookUrl', webhook.webhookUrl);
      form.append('rateLimit', webhook.rateLimit);
    }
    for (const file of files) form.append('files', file, file.name);
    return this.http.post<CreateUploadResult>('/api/uploads', form);
  }

  testWebhook(url: string): Observable<WebhookTestResult> {
    return this.http.post<WebhookTestResult>('/api/webhooks/test', { url });
  }

  setDeliveryRate(jobId: string, rateLimit: number | null): Observable<{ rateLimit: number | null }> {
    return this.http.put<{ rateLimit: number | null }>(`/api/jobs/${jobId}/rate`, { rateLimit });
  }

  listFailedDeliveries(jobId: string, page: number, pageSize: number): Observable<Paginated<FailedDeliveryView>> {
    return this.http.get<Paginated<FailedDeliveryView>>(`/api/jobs/${jobId}/deliveries/failed`, {
      params: new HttpParams().set('page', page).set('pageSize', pageSize),
    });
  }

  retryFailedDeliveries(jobId: string): Observable<{ queued: number }> {
    return this.http.post<{ queued: number }>(`/api/jobs/${jobId}/deliveries/retry-failed`, {});
  }
}

/** The API's own message for a failed request, never a stack trace or raw status text. */
export function describeHttpError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const message = (error.error as { message?: string | string[] } | null)?.message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
    return error.status === 0 ? 'The API is not reachable' : `Request failed (${error.status})`;
  }
  return 'Something went wrong';
}
