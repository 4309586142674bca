import { Injectable } from '@angular/core';
import { Observable, share } from 'rxjs';

/**
 * Ids of jobs that changed, pushed by the API as server-sent events (GET /api/events/jobs). The
 * browser's EventSource reconnects by itself after a network error; one stream serves every page.
 */
@Injectable({ providedIn: 'root' })
export class JobEventsService {
  readonly changes$: Observable<string[]> = new Observable<string[]>((subscriber) => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/events/jobs');
    source.addEventListener('jobs', (event) => subscriber.next((JSON.parse((event as MessageEvent<string>).data) as { ids: string[] }).ids));
    return () => source.close();
  }).pipe(share());
}
