import { Injectable } from '@angular/core';
import { Observable, share } from 'rxjs';

/** Ids of jobs that changed; `everything` when changes may have been missed, so whatever is shown should be read again. */
export interface JobChanges {
  ids: readonly string[];
  everything: boolean;
}

/** Whether a change concerns the job with this id. */
export function concerns(changes: JobChanges, id: string): boolean {
  return changes.everything || changes.ids.includes(id);
}

/**
 * Job changes pushed by the API as server-sent events (GET /api/events/jobs); one stream serves
 * every page. The browser's EventSource reconnects by itself after a network error; the API says
 * `ready` whenever it follows changes, and every `ready` after the first means some may have been
 * missed in between.
 */
@Injectable({ providedIn: 'root' })
export class JobEventsService {
  readonly changes$: Observable<JobChanges> = new Observable<JobChanges>((subscriber) => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/events/jobs');
    let readyBefore = false;
    source.addEventListener('jobs', (event) => {
      const { ids } = JSON.parse((event as MessageEvent<string>).data) as { ids: string[] };
      subscriber.next({ ids, everything: false });
    });
    source.addEventListener('ready', () => {
      if (readyBefore) subscriber.next({ ids: [], everything: true });
      readyBefore = true;
    });
    return () => source.close();
  }).pipe(share());
}
