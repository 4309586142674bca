import type { Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, Observable, of } from 'rxjs';

import { describeHttpError } from '../core/jobs-api.service';

/** What a page loaded: the value, or the API's message; both null while loading. */
export interface Loaded<T> {
  value: T | null;
  error: string | null;
}

/** A request's outcome as a Loaded: its value, or the API's message instead of an error. */
export function asLoaded<T>(request: Observable<T>): Observable<Loaded<T>> {
  return request.pipe(
    map((value): Loaded<T> => ({ value, error: null })),
    catchError((error: unknown) => of<Loaded<T>>({ value: null, error: describeHttpError(error) })),
  );
}

/** A request as a signal that pages render from: loading, loaded or failed with a readable message. */
export function loadedSignal<T>(request: Observable<T>): Signal<Loaded<T>> {
  return toSignal(asLoaded(request), { initialValue: { value: null, error: null } });
}
