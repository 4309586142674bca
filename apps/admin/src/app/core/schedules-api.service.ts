import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ScheduleView } from '@sluice/contracts';
import { Observable } from 'rxjs';

export type { ScheduleView };

export interface NewSchedule {
  source: string;
  cron?: string;
  timeZone?: string;
  id?: string;
}

export type ScheduleChange = Partial<Pick<ScheduleView, 'cron' | 'timeZone'>> & { paused?: boolean };

/** Weekly inbox schedules, kept as Temporal Schedules by the API (/api/schedules). */
@Injectable({ providedIn: 'root' })
export class SchedulesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<ScheduleView[]> {
    return this.http.get<ScheduleView[]>('/api/schedules');
  }

  create(schedule: NewSchedule): Observable<ScheduleView> {
    return this.http.post<ScheduleView>('/api/schedules', schedule);
  }

  update(id: string, change: ScheduleChange): Observable<ScheduleView> {
    return this.http.patch<ScheduleView>(`/api/schedules/${encodeURIComponent(id)}`, change);
  }

  trigger(id: string): Observable<{ triggered: true }> {
    return this.http.post<{ triggered: true }>(`/api/schedules/${encodeURIComponent(id)}/trigger`, {});
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/schedules/${encodeURIComponent(id)}`);
  }
}
