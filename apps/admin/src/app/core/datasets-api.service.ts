import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ColumnMappingView, DatasetDefinition, DatasetVersionSummary, FilePreview, FileReadingOptions, VersionedDataset } from '@sluice/contracts';
import { Observable } from 'rxjs';

export type { DatasetVersionSummary, VersionedDataset };

export interface MappingPreview {
  columns: ColumnMappingView[];
  missingRequired: string[];
}

/** A header to remember as a synonym of a field. */
export interface HeaderSynonym {
  field: string;
  header: string;
}

/** Reading options as form fields (the uploads and preview forms take the same ones); absent ones are detected. */
export function readingFormFields(options: FileReadingOptions): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of ['encoding', 'delimiter', 'quote', 'escape', 'sheet'] as const) if (options[key] !== undefined) fields[key] = options[key] as string;
  if (options.headerLine !== undefined) fields['headerLine'] = String(options.headerLine);
  if (options.columnFields && Object.keys(options.columnFields).length > 0) fields['columnFields'] = JSON.stringify(options.columnFields);
  return fields;
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

  /** How a file would be read and mapped; send its start (the API reads at most 1 MiB of a CSV). */
  previewFile(name: string, file: Blob, fileName: string, options: FileReadingOptions = {}): Observable<FilePreview> {
    const form = new FormData();
    for (const [key, value] of Object.entries(readingFormFields(options))) form.append(key, value);
    form.append('file', file, fileName);
    return this.http.post<FilePreview>(`/api/datasets/${name}/preview`, form);
  }

  /** Saves headers as synonyms of their fields: a new version. */
  addSynonyms(name: string, synonyms: HeaderSynonym[]): Observable<VersionedDataset> {
    return this.http.post<VersionedDataset>(`/api/datasets/${name}/synonyms`, { synonyms });
  }
}
