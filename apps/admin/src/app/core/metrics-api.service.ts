import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ComparisonGranularity, ComparisonView, MetricSourceView, SeriesView } from '@sluice/contracts';
import { Observable } from 'rxjs';

export interface MetricQuery {
  source: string;
  metric: string;
  granularity: ComparisonGranularity;
  from?: string;
  to?: string;
  dimension?: string;
}

export function metricParams(query: MetricQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) if (value) params = params.set(key, value);
  return params;
}

/** Period comparisons and trends (GET /api/metrics/…). */
@Injectable({ providedIn: 'root' })
export class MetricsApiService {
  private readonly http = inject(HttpClient);

  sources(): Observable<MetricSourceView[]> {
    return this.http.get<MetricSourceView[]>('/api/metrics/sources');
  }

  compare(query: MetricQuery): Observable<ComparisonView> {
    return this.http.get<ComparisonView>('/api/metrics/compare', { params: metricParams(query) });
  }

  series(query: MetricQuery): Observable<SeriesView> {
    return this.http.get<SeriesView>('/api/metrics/series', { params: metricParams({ ...query, dimension: undefined }) });
  }

  /** Where the comparison downloads as CSV. */
  csvUrl(query: MetricQuery): string {
    return `/api/metrics/compare.csv?${metricParams(query).toString()}`;
  }
}
