import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { StorageUsageView } from '@sluice/contracts';

import { StoragePage } from './storage-page';

const NEVER_SWEPT: StorageUsageView = {
  objects: 0,
  bytes: 0,
  jobs: [],
  inbox: { objects: 0, bytes: 0 },
  nextExpiry: null,
  incompleteUploads: { count: 0, bytes: 0 },
  lastCleanup: null,
  nextCleanup: null,
  filesCleanedLastRun: null,
  bytesCleanedLastRun: null,
  uploadsAbortedLastRun: null,
  quota: { limits: { storageBytes: 100 * 1024 * 1024, concurrentJobs: 3, filesPerUpload: 10, retentionHours: 48 }, runningJobs: 0, storageBytes: 0 },
};

describe('StoragePage', () => {
  afterEach(() => TestBed.resetTestingModule());

  function render(usage: Partial<StorageUsageView>) {
    TestBed.configureTestingModule({ imports: [StoragePage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(StoragePage);
    fixture.detectChanges();
    http.expectOne('/api/storage').flush({ ...NEVER_SWEPT, ...usage });
    return fixture;
  }

  const values = (page: HTMLElement, group: string) =>
    Object.fromEntries(
      Array.from(page.querySelectorAll(`[aria-label="${group}"] .kpi`)).map((k) => [
        k.querySelector('.kpi__label')?.textContent?.trim(),
        k.querySelector('.kpi__value')?.textContent?.trim(),
      ]),
    );

  it("shows totals, incomplete uploads, the next expiry and each job's objects", async () => {
    const fixture = render({
      objects: 5,
      bytes: 3 * 1024 * 1024,
      inbox: { objects: 1, bytes: 100 },
      incompleteUploads: { count: 2, bytes: 16 * 1024 * 1024 },
      nextExpiry: { jobId: 'a1b2c3d4-0000', at: '2026-11-25T12:00:00.000Z' },
      jobs: [{ jobId: 'a1b2c3d4-0000', dataset: 'people', status: 'processed', objects: 5, bytes: 3 * 1024 * 1024, expiresAt: '2026-11-25T12:00:00.000Z' }],
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(
      Array.from(page.querySelectorAll('.kpi__value'))
        .slice(0, 4)
        .map((e) => e.textContent?.trim()),
    ).toEqual(['5', '3.0 MB', '1 (100 B)', '2 (16.0 MB)']);
    expect(values(page, 'Totals')['Next expiry']).toMatch(/^11\/25\/26/);
    expect(page.querySelector('tbody tr')?.textContent).toContain('a1b2c3d4');
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/jobs/a1b2c3d4-0000');
  });

  it('says the sweeper has not run yet', async () => {
    const fixture = render({});
    await fixture.whenStable();
    fixture.detectChanges();
    expect(values(fixture.nativeElement, 'Storage sweeper')).toEqual({ 'Last cleanup': 'not yet', 'Cleaned last run': '—', 'Next cleanup': '—' });
  });

  it("shows the sweeper's last run and its next one", async () => {
    const fixture = render({
      lastCleanup: '2026-11-25T12:00:03.000Z',
      nextCleanup: '2026-11-25T13:00:00.000Z',
      filesCleanedLastRun: 3,
      bytesCleanedLastRun: 9 * 1024 * 1024,
      uploadsAbortedLastRun: 1,
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const sweeper = values(fixture.nativeElement, 'Storage sweeper');
    expect(sweeper['Cleaned last run']).toBe('3 files, 9.0 MB, 1 upload aborted');
    expect(sweeper['Last cleanup']).toMatch(/^11\/25\/26/);
    expect(sweeper['Next cleanup']).toMatch(/^11\/25\/26/);
  });

  it("shows the workspace's limits next to what it uses of them", async () => {
    const fixture = render({
      bytes: 20 * 1024 * 1024,
      quota: { limits: { storageBytes: 100 * 1024 * 1024, concurrentJobs: 3, filesPerUpload: 10, retentionHours: 48 }, runningJobs: 2, storageBytes: 25 * 1024 * 1024 },
    });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(values(fixture.nativeElement, 'Workspace limits')).toEqual({
      'Storage used of limit': '25.0 MB of 100.0 MB',
      'Jobs running of limit': '2 of 3',
      'Files per upload': 'up to 10',
      'Data kept for': '48 h',
    });
    const progress = (fixture.nativeElement as HTMLElement).querySelector('progress[aria-label="Storage used"]') as HTMLProgressElement;
    expect([progress.value, progress.max]).toEqual([25 * 1024 * 1024, 100 * 1024 * 1024]);
  });
});
