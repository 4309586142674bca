import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuditEventView } from '@sluice/contracts';

import { AuditPage } from './audit-page';
import { auditFilters } from './audit-range';

const EVENT: AuditEventView = {
  id: 'e1',
  at: '2026-12-02T10:00:00.000Z',
  actor: 'ada@example.com',
  action: 'token.create',
  target: 'nightly import',
  outcome: 'success',
  detail: null,
  ip: '127.0.0.1',
};

describe('AuditPage', () => {
  let backend: HttpTestingController;

  afterEach(() => TestBed.resetTestingModule());

  async function render() {
    TestBed.configureTestingModule({ imports: [AuditPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AuditPage);
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture;
  }

  const reads = () => backend.match((r) => r.url === '/api/audit');

  it('filters, pages back with nextBefore and returns to newer pages', async () => {
    const fixture = await render();
    const [first] = reads();
    expect(first.request.params.get('before')).toBeNull();
    first.flush({ events: [EVENT], nextBefore: 'cursor-1' });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('table.audit tbody tr')?.textContent).toContain('token.create');

    fixture.componentInstance.older('cursor-1');
    fixture.detectChanges();
    await fixture.whenStable();
    const [older] = reads();
    expect(older.request.params.get('before')).toBe('cursor-1');
    older.flush({ events: [], nextBefore: null });

    fixture.componentInstance.edit({ action: ' member.add ', actor: 'ada@example.com' });
    fixture.componentInstance.apply();
    fixture.detectChanges();
    await fixture.whenStable();
    const [filtered] = reads();
    expect(filtered.request.params.get('action')).toBe('member.add');
    expect(filtered.request.params.get('actor')).toBe('ada@example.com');
    expect(filtered.request.params.get('before')).toBeNull();
    filtered.flush({ events: [], nextBefore: null });
  });
});

describe('auditFilters', () => {
  it("turns days into instants covering the whole of the 'to' day", () => {
    const filters = auditFilters({ action: '', actor: '', from: '2026-12-01', to: '2026-12-02' });
    expect(new Date(filters.from as string).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(filters.to as string).getTime()).toBe(new Date(2026, 11, 3).getTime() - 1);
    expect(auditFilters({ action: '', actor: '', from: '', to: '' })).toEqual({});
  });
});
