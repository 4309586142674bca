import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { JobSummaryView, Paginated } from '@sluice/contracts';

import { JobsPage } from './jobs-page';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function job(overrides: Partial<JobSummaryView>): JobSummaryView {
  return {
    id: 'a1',
    dataset: 'sensor_readings',
    datasetVersion: 1,
    status: 'processed',
    uploadTime: '2026-01-05T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    durationMs: 1250,
    rowsProcessed: 10,
    validRows: 8,
    invalidRowCount: 2,
    fileIds: ['f1', 'f2'],
    error: null,
    expiresAt: null,
    expiredAt: null,
    pipeline: null,
    rerunOf: null,
    scheduleId: null,
    duplicatesRemoved: 3,
    ...overrides,
  };
}

describe('JobsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [JobsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function render(response: Paginated<JobSummaryView>) {
    const fixture = TestBed.createComponent(JobsPage);
    fixture.detectChanges();
    await tick();
    for (const request of http.match('/api/datasets')) request.flush([{ version: 1, definition: { name: 'sensor_readings', label: 'Sensor readings' } }]);
    for (const request of http.match('/api/pipelines')) request.flush([]);
    http.expectOne('/api/jobs?page=1&pageSize=20').flush(response);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => TestBed.resetTestingModule());

  it('lists jobs with status, counts and duration, linking to each job', async () => {
    const page = await render({
      items: [job({ id: 'j2', status: 'partial' }), job({ id: 'j1', status: 'failed', durationMs: null, validRows: 0 })],
      total: 2,
      page: 1,
      pageSize: 20,
    });
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td'))
        .slice(0, 8)
        .map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['partial', 'sensor_readings', '2', '10', '8', '2', '3', '1.25 s'],
      ['failed', 'sensor_readings', '2', '10', '0', '2', '3', '—'],
    ]);
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/jobs/j2');
    expect(page.querySelector('.chip--partial')).not.toBeNull();
    expect(page.querySelector('.pager span')?.textContent).toContain('Page 1 of 1 · 2 jobs');
  });

  it('shows an empty state when there are no jobs', async () => {
    const page = await render({ items: [], total: 0, page: 1, pageSize: 20 });
    expect(page.textContent).toContain('No jobs yet');
  });

  it('shows the API error message when the list cannot load', async () => {
    const fixture = TestBed.createComponent(JobsPage);
    fixture.detectChanges();
    await tick();
    for (const request of http.match('/api/datasets')) request.flush([]);
    for (const request of http.match('/api/pipelines')) request.flush([]);
    http.expectOne('/api/jobs?page=1&pageSize=20').flush({ message: 'Database unavailable' }, { status: 503, statusText: 'x' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toBe('Database unavailable');
  });

  it('asks for the filtered list when a filter changes, from page 1', async () => {
    const page = await render({ items: [job({ id: 'j1', status: 'processing' })], total: 1, page: 1, pageSize: 20 });
    expect(page.querySelector('progress.job-progress')).not.toBeNull();
    const status = page.querySelector('select[name="status"]') as HTMLSelectElement;
    status.value = 'failed';
    status.dispatchEvent(new Event('change'));
    const from = page.querySelector('input[name="from"]') as HTMLInputElement;
    from.value = '2026-11-01';
    from.dispatchEvent(new Event('change'));
    await tick();
    const request = http.expectOne((r) => r.url === '/api/jobs' && r.params.get('from') === '2026-11-01');
    expect(request.request.urlWithParams).toBe('/api/jobs?page=1&pageSize=20&status=failed&from=2026-11-01');
    request.flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await tick();
    expect(page.textContent).toContain('No jobs match these filters.');
  });
});
