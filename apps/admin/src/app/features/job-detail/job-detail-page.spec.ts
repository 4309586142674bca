import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { JobDetailView } from '@sluice/contracts';

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
  workflowId: 'job-j1',
  files: [{ id: 'f1', fileName: 'r.csv', sizeBytes: 2048, uploadedAt: '2026-01-05T10:00:00.000Z', rowsProcessed: 3, validRows: 2, invalidRows: 1, error: null,
      columns: [
        { header: 'Device', index: 0, field: 'sensor_id', score: 100, method: 'synonym' },
        { header: 'Notes', index: 1, field: null, score: 0, method: 'unmapped' },
      ], cleaned: { whitespace: 3 } }],
  cleaned: { whitespace: 3, date_format: 2 },
  unmappedColumns: ['Notes'],
  merge: { rowsIn: 5, rowsOut: 3, duplicatesRemoved: 2, fieldsMerged: 4, conflicts: 1 },
  aggregations: { row_count: 2, min_value: -1.5, max_value: 7, per_sensor_count: { 's-1': 2 } },
  invalidRows: { total: 1, items: [{ fileId: 'f1', row: 3, error: 'value "abc" is not a number' }] },
};

describe('JobDetailPage', () => {
  it('shows files, aggregations and invalid rows of a finished job', async () => {
    TestBed.configureTestingModule({
      imports: [JobDetailPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(JobDetailPage);
    fixture.componentRef.setInput('id', 'j1');
    fixture.detectChanges();
    await tick();
    http.expectOne('/api/jobs/j1').flush(JOB);
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h2')?.textContent).toContain('Job j1');
    expect(page.querySelector('.chip--partial')).not.toBeNull();
    expect(page.querySelector('.download-clean')?.getAttribute('href')).toBe('/api/jobs/j1/download');
    expect(page.querySelector('.download-rejected')?.getAttribute('href')).toBe('/api/jobs/j1/download?part=rejected');
    expect(page.textContent).toContain('2.0 KB');
    expect(page.querySelector('.merge')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('5 records → 3 (2 duplicates removed, 4 fields filled, 1 conflicts)');
    expect(Array.from(page.querySelectorAll('.cleaned span')).map((s) => s.textContent)).toEqual(['date_format: 2', 'whitespace: 3']);
    expect(Array.from(page.querySelectorAll('.mapping tbody tr')).map((r) => r.textContent)).toEqual(['Devicesensor_idsynonym100', 'Notesignoredunmapped0']);
    expect(Array.from(page.querySelectorAll('.per-sensor tbody td')).map((c) => c.textContent)).toEqual(['s-1', '2']);
    expect(Array.from(page.querySelectorAll('.invalid-rows tbody td')).map((c) => c.textContent)).toEqual(['3', 'value "abc" is not a number']);
    // A finished job is not polled again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    http.expectNone('/api/jobs/j1');
  });
});
