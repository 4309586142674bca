import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DatasetDefinition, DatasetVersionSummary, VersionedDataset } from '@sluice/contracts';
import { Observable } from 'rxjs';

export type { DatasetVersionSummary, VersionedDataset };

export interface MappingPreview {
  columns: { header: string; index: number; field: string | null; score: number; method: string }[];
  missingRequired: string[];
}

/** Dataset configurations and their versions (GET/PUT /api/datasets/…). */
@Injectable({ providedIn: 'root' })
export class DatasetsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<VersionedDataset[]> {
    return this.http.get<VersionedDataset[]>('/api/datasets');
  }

  get(name: string): Observable<VersionedDataset> {
    return this.http.get<VersionedDataset>(`/api/datasets/${name}`);
  }

  save(name: string, definition: DatasetDefinition): Observable<VersionedDataset> {
    return this.http.put<VersionedDataset>(`/api/datasets/${name}`, definition);
  }

  versions(name: string): Observable<DatasetVersionSummary[]> {
    return this.http.get<DatasetVersionSummary[]>(`/api/datasets/${name}/versions`);
  }

  version(name: string, version: number): Observable<VersionedDataset> {
    return this.http.get<VersionedDataset>(`/api/datasets/${name}/versions/${version}`);
  }

  restore(name: string, version: number): Observable<VersionedDataset> {
    return this.http.post<VersionedDataset>(`/api/datasets/${name}/versions/${version}/restore`, {});
  }

  preview(name: string, headers: string[]): Observable<MappingPreview> {
    return this.http.post<MappingPreview>(`/api/datasets/${name}/preview`, { headers });
  }
}
