import { TestBed } from '@angular/core/testing';

import { concerns, JobChanges, JobEventsService } from './job-events.service';

/** Stands in for the browser's EventSource: the test plays the server's events. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  close(): void {
    this.closed = true;
  }
}

describe('JobEventsService', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
  });

  afterEach(() => {
    delete (globalThis as { EventSource?: unknown }).EventSource;
    TestBed.resetTestingModule();
  });

  it('passes on changed ids, asks for a full reload only after a reconnect, and shares one stream', () => {
    const service = TestBed.inject(JobEventsService);
    const first: JobChanges[] = [];
    const second: JobChanges[] = [];
    const a = service.changes$.subscribe((c) => first.push(c));
    const b = service.changes$.subscribe((c) => second.push(c));
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual(['/api/events/jobs']);
    const [source] = FakeEventSource.opened;

    source.emit('ready', {});
    source.emit('jobs', { ids: ['j1', 'j2'] });
    source.emit('ready', {}); // the stream (or the API's own listening) came back: changes may be lost
    expect(first).toEqual([
      { ids: ['j1', 'j2'], everything: false },
      { ids: [], everything: true },
    ]);
    expect(second).toEqual(first);

    a.unsubscribe();
    expect(source.closed).toBe(false);
    b.unsubscribe();
    expect(source.closed).toBe(true);
  });

  it('tells whether a change concerns a job', () => {
    expect(concerns({ ids: ['j1'], everything: false }, 'j1')).toBe(true);
    expect(concerns({ ids: ['j1'], everything: false }, 'j2')).toBe(false);
    expect(concerns({ ids: [], everything: true }, 'j2')).toBe(true);
  });
});
