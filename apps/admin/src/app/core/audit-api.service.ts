import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditEventView } from '@sluice/contracts';
import { Observable } from 'rxjs';

export interface AuditFilters {
  action?: string;
  actor?: string;
  /** ISO instants. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  events: AuditEventView[];
  /** Where the next older page starts; null on the oldest page. */
  nextBefore: string | null;
}

/** The session workspace's audit log (/api/audit, owner only), newest first. */
@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(filters: AuditFilters, before: string | null, limit = 50): Observable<AuditPage> {
    let params = new HttpParams().set('limit', limit);
    for (const [key, value] of Object.entries(filters)) if (value) params = params.set(key, value);
    if (before) params = params.set('before', before);
    return this.http.get<AuditPage>('/api/audit', { params });
  }
}
