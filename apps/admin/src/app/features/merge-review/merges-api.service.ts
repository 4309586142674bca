import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CorrectMergeResult, MergeCorrection, MergeCorrectionView, MergeGroupOrder, MergeGroupView, Paginated } from '@sluice/contracts';
import { Observable } from 'rxjs';

/** Which of a job's merge groups to list. */
export interface MergeGroupsQuery {
  page: number;
  pageSize: number;
  order: MergeGroupOrder;
  flaggedOnly: boolean;
}

/** One page of a job's merge groups, and the output version they were read from. */
export type MergeGroupsPage = Paginated<MergeGroupView> & { outputVersion: number };

/** A job's merge groups and the corrections a reviewer made to them (GET/POST/DELETE /api/jobs/:id/merges…). */
@Injectable({ providedIn: 'root' })
export class MergesApiService {
  private readonly http = inject(HttpClient);

  listGroups(jobId: string, query: MergeGroupsQuery): Observable<MergeGroupsPage> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize).set('order', query.order);
    if (query.flaggedOnly) params = params.set('flagged', 'true');
    return this.http.get<MergeGroupsPage>(`/api/jobs/${jobId}/merges`, { params });
  }

  listCorrections(jobId: string): Observable<MergeCorrectionView[]> {
    return this.http.get<MergeCorrectionView[]>(`/api/jobs/${jobId}/merges/corrections`);
  }

  /** Keeps the correction with the job and starts rebuilding its output as the next version. */
  correct(jobId: string, correction: MergeCorrection): Observable<CorrectMergeResult> {
    return this.http.post<CorrectMergeResult>(`/api/jobs/${jobId}/merges/corrections`, correction);
  }

  /** Undoes a correction: the output is rebuilt without it as the next version. */
  undo(jobId: string, correctionId: string): Observable<CorrectMergeResult> {
    return this.http.delete<CorrectMergeResult>(`/api/jobs/${jobId}/merges/corrections/${correctionId}`);
  }
}
