import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { FileReadingReport, JobDetailView } from '@sluice/contracts';

import { JobDetailPage } from './job-detail-page';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const JOB: JobDetailView = {
  id: 'j1',
  dataset: 'sensor_readings',
  datasetVersion: 1,
  status: 'partial',
  uploadTime: '2026-01-05T10:00:00.000Z',
  startedAt: '2026-01-05T10:00:01.000Z',
  finishedAt: '2026-01-05T10:00:02.000Z',
  durationMs: 640,
  rowsProcessed: 3,
  validRows: 2,
  invalidRowCount: 1,
  fileIds: ['f1'],
  error: null,
  expiresAt: '2026-01-07T10:00:02.000Z',
  expiredAt: null,
  pipeline: null,
  rerunOf: null,
  scheduleId: null,
  duplicatesRemoved: 2,
  workflowId: 'job-j1',
  temporalUrl: 'http://127.0.0.1:8233/namespaces/default/workflows/job-j1',
  metrics: { source: 'sensor_readings', rows: 2, rowsWithoutDate: 0, days: 1, firstDay: '2026-01-05', lastDay: '2026-01-05' },
  files: [
    {
      id: 'f1',
      fileName: 'r.csv',
      dataset: null,
      sizeBytes: 2048,
      uploadedAt: '2026-01-05T10:00:00.000Z',
      rowsProcessed: 3,
      validRows: 2,
      invalidRows: 1,
      error: null,
      columns: [
        { header: 'Device', index: 0, field: 'sensor_id', score: 100, method: 'synonym' },
        { header: 'Notes', index: 1, field: null, score: 0, method: 'unmapped' },
      ],
      cleaned: { whitespace: 3 },
      reading: null,
    },
  ],
  cleaned: { whitespace: 3, date_format: 2 },
  unmappedColumns: ['Notes'],
  merge: { rowsIn: 5, rowsOut: 3, duplicatesRemoved: 2, fieldsMerged: 4, conflicts: 1 },
  aggregations: { row_count: 2, min_value: -1.5, max_value: 7, per_sensor_count: { 's-1': 2 } },
  invalidRows: { total: 1, items: [{ fileId: 'f1', row: 3, error: 'value "abc" is not a number' }] },
  mode: 'download',
  delivery: null,
};

const WEBHOOK_JOB: JobDetailView = {
  ...JOB,
  status: 'processed',
  mode: 'webhook',
  delivery: {
    endpointId: 'e1',
    url: 'https://hooks.example.com/in',
    state: 'partial',
    rateLimit: 10,
    currentRate: 0,
    retryDelaysMs: [1000, 3000, 9000],
    total: 4,
    delivered: 3,
    failed: 1,
    pending: 0,
    startedAt: '2026-01-05T10:00:02.000Z',
    finishedAt: '2026-01-05T10:00:03.000Z',
  },
};

/** The page for job j1, after its first GET answered with `job`. */
async function openJob(job: JobDetailView) {
  TestBed.configureTestingModule({
    imports: [JobDetailPage],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(JobDetailPage);
  fixture.componentRef.setInput('id', 'j1');
  fixture.detectChanges();
  await tick();
  http.expectOne('/api/jobs/j1').flush(job);
  await fixture.whenStable();
  fixture.detectChanges();
  return { http, fixture };
}

describe('JobDetailPage', () => {
  it('shows files, aggregations and invalid rows of a finished job', async () => {
    const { http, fixture } = await openJob(JOB);
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toContain('Job j1');
    expect(page.querySelector('.chip--partial')).not.toBeNull();
    expect(page.querySelector('.download-clean')?.getAttribute('href')).toBe('/api/jobs/j1/download');
    expect(page.querySelector('.download-rejected')?.getAttribute('href')).toBe('/api/jobs/j1/download?part=rejected');
    expect(page.textContent).toContain('2.0 KB');
    expect(page.querySelector('.merge')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('5 records → 3 (2 duplicates removed, 4 fields filled, 1 conflicts)');
    expect(Array.from(page.querySelectorAll('.cleaned span')).map((s) => s.textContent)).toEqual(['date_format: 2', 'whitespace: 3']);
    expect(Array.from(page.querySelectorAll('.mapping tbody tr')).map((r) => r.textContent)).toEqual(['Devicesensor_idsynonym100', 'Notesignoredunmapped0']);
    expect(Array.from(page.querySelectorAll('.per-sensor tbody td')).map((c) => c.textContent)).toEqual(['s-1', '2']);
    expect(Array.from(page.querySelectorAll('.invalid-rows tbody td')).map((c) => c.textContent)).toEqual(['r.csv', '3', 'value "abc" is not a number']);
    // A finished job is not polled again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    http.expectNone('/api/jobs/j1');
  });

  it('shows how each file was read: encoding, dialect, header line and what was skipped or renamed', async () => {
    const reading: FileReadingReport = {
      format: 'csv',
      encoding: 'windows-1252',
      encodingSource: 'detected',
      encodingConfidence: 87,
      delimiter: ';',
      quote: '"',
      escape: '"',
      dialectSource: 'sep-line',
      headerLine: 3,
      preamble: [
        { line: 1, text: 'sep=;' },
        { line: 2, text: 'Export of 2026-01-05' },
      ],
      blankLines: 2,
      trailing: [{ kind: 'totals', line: 9, lines: 1, text: 'Total;;12' }],
      renamedHeaders: [{ index: 2, from: 'name', to: 'name_2' }],
      undecodableRows: 1,
      malformedRows: 2,
    };
    const { fixture } = await openJob({ ...JOB, files: [{ ...JOB.files[0], reading }] });
    const page = fixture.nativeElement as HTMLElement;
    const text = (selector: string) => page.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    expect(text('.reading__encoding')).toBe('windows-1252 (detected, 87 %)');
    expect(text('.reading__dialect')).toBe('semicolon, quote double quote, escape doubled (sep= line)');
    expect(text('.reading__header-line')).toBe('3');
    expect(text('.reading__preamble')).toBe('2 lines: 1: sep=; · 2: Export of 2026-01-05');
    expect(text('.reading__trailing')).toBe('totals at line 9 (1 line)');
    expect(text('.reading__renamed')).toBe('name → name_2');
    expect(text('.reading__unreadable')).toBe('2 with a malformed quote, 1 with undecodable bytes');
    // The mapping is still shown under it.
    expect(page.querySelectorAll('.mapping tbody tr').length).toBe(2);
  });

  it('shows webhook delivery progress and its failed list, and changes the rate and replays failures', async () => {
    const { http, fixture } = await openJob(WEBHOOK_JOB);
    await tick();
    http.expectOne('/api/jobs/j1/deliveries/failed?page=1&pageSize=50').flush({
      items: [{ recordIndex: 2, messageId: 'msg_j1_2', attempts: 1, lastStatus: 400, lastError: 'HTTP 400', failedAt: '2026-01-05T10:00:03.000Z' }],
      total: 1,
      page: 1,
      pageSize: 50,
    });
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('.delivery__counts')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('3 delivered · 1 failed · 0 pending of 4');
    expect(page.querySelector('.delivery__bar')?.getAttribute('aria-valuenow')).toBe('100');
    expect(Array.from(page.querySelectorAll('.failed-deliveries tbody td')).map((c) => c.textContent)).toEqual(['2', 'msg_j1_2', '1', 'HTTP 400']);

    const select = page.querySelector('select[name="deliveryRate"]') as HTMLSelectElement;
    expect(select.value).toBe('10');
    select.value = '60';
    select.dispatchEvent(new Event('change'));
    const put = http.expectOne('/api/jobs/j1/rate');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ rateLimit: 60 });
    put.flush({ rateLimit: 60 });

    (page.querySelector('.retry-failed') as HTMLButtonElement).click();
    const retry = http.expectOne('/api/jobs/j1/deliveries/retry-failed');
    expect(retry.request.method).toBe('POST');
    retry.flush({ queued: 1 });
    fixture.detectChanges();
    expect(page.querySelector('.delivery__message')?.textContent).toBe('Retrying 1 failed delivery');
    await tick();
    // Asking something of the job polls it again.
    expect(http.match('/api/jobs/j1').length).toBeGreaterThan(0);
  });

  it('links to Temporal UI and the dashboard, and reruns the job as a new one', async () => {
    const { http, fixture } = await openJob(JOB);
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('a.temporal-link')?.getAttribute('href')).toBe('http://127.0.0.1:8233/namespaces/default/workflows/job-j1');
    expect(page.querySelector('#' + page.querySelector('a.temporal-link')?.getAttribute('aria-describedby'))?.textContent).toMatch(/no Sluice sign-in.*protect it separately/);
    expect(page.querySelector('.metrics-summary')?.textContent).toContain('1 days recorded (2026-01-05 – 2026-01-05)');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    (Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Rerun') as HTMLButtonElement).click();
    const request = http.expectOne('/api/jobs/j1/rerun');
    expect(request.request.method).toBe('POST');
    request.flush({ jobId: 'j2', status: 'waiting', rerunOf: 'j1' });
    expect(navigate).toHaveBeenCalledWith(['/jobs', 'j2']);
  });

  it('links to the review of its merge groups, and names the output version after corrections', async () => {
    const { fixture } = await openJob({
      ...JOB,
      merge: { rowsIn: 5, rowsOut: 3, duplicatesRemoved: 2, fieldsMerged: 4, conflicts: 1, groups: 2, flaggedGroups: 1 },
      outputVersion: 3,
    });
    const page = fixture.nativeElement as HTMLElement;
    const link = page.querySelector('a.merge-review-link');
    expect(link?.getAttribute('href')).toBe('/jobs/j1/merges');
    expect(link?.textContent?.trim()).toBe('Review merges (2 groups, 1 flagged)');
    expect(page.querySelector('.merge')?.textContent?.replace(/\s+/g, ' ').trim()).toMatch(
      /conflicts\) · Review merges \(2 groups, 1 flagged\) · output version 3, after corrections$/,
    );
  });

  it('offers no review when nothing was merged into groups', async () => {
    const { fixture } = await openJob({
      ...JOB,
      merge: { rowsIn: 5, rowsOut: 5, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0, groups: 0, flaggedGroups: 0 },
      outputVersion: 1,
    });
    expect((fixture.nativeElement as HTMLElement).querySelector('a.merge-review-link')).toBeNull();
  });

  it('shows why a rerun was refused', async () => {
    const { http, fixture } = await openJob(JOB);
    fixture.componentInstance.rerun('j1');
    http.expectOne('/api/jobs/j1/rerun').flush({ message: 'Job j1 has expired: its files were deleted after the retention period' }, { status: 410, statusText: 'Gone' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain('has expired');
  });

  it('pages through invalid rows beyond the first hundred', async () => {
    const many = { ...JOB, invalidRowCount: 150, invalidRows: { total: 150, items: JOB.invalidRows.items } };
    const { http, fixture } = await openJob(many);
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('nav[aria-label="Invalid row pages"] span')?.textContent).toBe('Page 1 of 2 · 150 rows');
    (Array.from(page.querySelectorAll('nav[aria-label="Invalid row pages"] button')).find((b) => b.textContent === 'Next') as HTMLButtonElement).click();
    await tick();
    const request = http.expectOne('/api/jobs/j1/invalid-rows?page=2&pageSize=100');
    request.flush({ items: [{ fileId: 'f1', row: 140, error: 'timestamp is required' }], total: 150, page: 2, pageSize: 100 });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(Array.from(page.querySelectorAll('.invalid-rows tbody td')).map((c) => c.textContent)).toEqual(['r.csv', '140', 'timestamp is required']);
  });
});
