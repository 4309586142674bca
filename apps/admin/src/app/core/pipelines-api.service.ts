import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { PipelineDefinition, StoredPipeline } from '@sluice/contracts';
import { Observable } from 'rxjs';

export type { PipelineDefinition, StoredPipeline };

/** Pipelines: presets and the user's own (/api/pipelines). */
@Injectable({ providedIn: 'root' })
export class PipelinesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<StoredPipeline[]> {
    return this.http.get<StoredPipeline[]>('/api/pipelines');
  }

  get(name: string): Observable<StoredPipeline> {
    return this.http.get<StoredPipeline>(`/api/pipelines/${encodeURIComponent(name)}`);
  }

  /** The API's verdict on a definition against the current datasets; nothing is saved. */
  check(definition: unknown): Observable<PipelineDefinition> {
    return this.http.post<PipelineDefinition>('/api/pipelines/check', definition);
  }

  save(name: string, definition: unknown): Observable<StoredPipeline> {
    return this.http.put<StoredPipeline>(`/api/pipelines/${encodeURIComponent(name)}`, definition);
  }

  remove(name: string): Observable<void> {
    return this.http.delete<void>(`/api/pipelines/${encodeURIComponent(name)}`);
  }
}
