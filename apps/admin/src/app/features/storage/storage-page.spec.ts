import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { StoragePage } from './storage-page';

describe('StoragePage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('shows totals, the next cleanup and each job\'s objects', async () => {
    TestBed.configureTestingModule({ imports: [StoragePage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(StoragePage);
    fixture.detectChanges();
    http.expectOne('/api/storage').flush({
      objects: 5,
      bytes: 3 * 1024 * 1024,
      inbox: { objects: 1, bytes: 100 },
      nextCleanup: { jobId: 'a1b2c3d4-0000', at: '2026-11-25T10:00:00.000Z' },
      jobs: [{ jobId: 'a1b2c3d4-0000', dataset: 'people', status: 'processed', objects: 5, bytes: 3 * 1024 * 1024, expiresAt: '2026-11-25T10:00:00.000Z' }],
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(Array.from(page.querySelectorAll('.kpi__value')).slice(0, 3).map((e) => e.textContent?.trim())).toEqual(['5', '3.0 MB', '1 (100 B)']);
    expect(page.querySelector('tbody tr')?.textContent).toContain('a1b2c3d4');
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/jobs/a1b2c3d4-0000');
  });
});
